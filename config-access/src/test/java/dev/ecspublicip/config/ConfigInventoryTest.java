package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;

class ConfigInventoryTest {
    private static final String SERVICE = "AWS::ECS::Service";
    private static final Instant CAPTURED = Instant.parse("2026-11-20T09:00:00Z");
    private static final PageBudget UNLIMITED = () -> false;

    private final ConfigInventoryStandIn config = new ConfigInventoryStandIn();
    private final ConfigClient client = config.client(AwsClients::configure);

    @AfterEach
    void close() {
        config.assertNoViolations();
        client.close();
        config.close();
    }

    private List<ResourceKey> services(int count) {
        List<ResourceKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var item = ConfigItems.service("prod", "web-" + i, Network.DISABLED, Map.of(), CAPTURED);
            config.item(item);
            keys.add(new ResourceKey(SERVICE, item.get("resourceId").getAsString()));
        }
        return keys;
    }

    @Test
    void listsEveryPageInConfigsOrderAtTheLargestPageSize() {
        List<ResourceKey> keys = services(250);

        ConfigInventory.Listing listing = ConfigInventory.list(client, SERVICE, Optional.empty(), UNLIMITED);

        assertEquals(keys, listing.keys());
        assertTrue(listing.complete());
        List<Call> calls = config.calls("ListDiscoveredResources");
        assertEquals(3, calls.size());
        calls.forEach(call -> assertEquals(100, call.body().get("limit").getAsInt()));
    }

    @Test
    void deletedResourcesAreNotListed() {
        List<ResourceKey> keys = services(2);
        config.item(ConfigItems.deleted(ConfigItems.service("prod", "gone", Network.ENABLED, Map.of(), CAPTURED)));

        assertEquals(
                keys,
                ConfigInventory.list(client, SERVICE, Optional.empty(), UNLIMITED)
                        .keys());
    }

    @Test
    void aRuleScopedToOneResourceListsOnlyThatResource() {
        ResourceKey only = services(3).get(1);

        ConfigInventory.Listing listing =
                ConfigInventory.list(client, SERVICE, Optional.of(only.resourceId()), UNLIMITED);

        assertEquals(List.of(only), listing.keys());
        assertEquals(
                only.resourceId(),
                config.calls("ListDiscoveredResources")
                        .get(0)
                        .body()
                        .getAsJsonArray("resourceIds")
                        .get(0)
                        .getAsString());
    }

    @Test
    void eachPageIsHandedOnAsItArrivesAndNoPageIsFetchedOnceTheBudgetIsSpent() {
        services(250);
        List<Integer> pages = new ArrayList<>();

        boolean complete = ConfigInventory.list(
                client, SERVICE, Optional.empty(), () -> pages.size() == 2, keys -> pages.add(keys.size()));

        assertFalse(complete);
        assertEquals(List.of(100, 100), pages);
        assertEquals(2, config.calls("ListDiscoveredResources").size());
    }
}
