package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;

class CurrentItemReaderTest {
    private static final Instant CAPTURED = Instant.parse("2026-11-20T09:00:00Z");

    private final ConfigInventoryStandIn config = new ConfigInventoryStandIn();
    private final ConfigClient client = config.client(AwsClients::configure);
    private final JsonObject item = ConfigItems.service("prod", "web", Network.ENABLED, Map.of(), CAPTURED);
    private final ResourceKey key =
            new ResourceKey("AWS::ECS::Service", item.get("resourceId").getAsString());

    @AfterEach
    void close() {
        config.assertNoViolations();
        client.close();
        config.close();
    }

    @Test
    void readsTheLiveResourcesItem() {
        config.item(item);

        ConfigurationItem live = new CurrentItemReader(client).live(key, "ResourceId");

        assertEquals(key, live.resource().key());
        assertEquals(Presence.RECORDED, live.resource().presence());
        assertEquals(CAPTURED, live.captureTime());
        assertEquals(1, config.calls("BatchGetResourceConfig").size());
    }

    @Test
    void anIdConfigHasNoLiveItemForIsBadInputNamingTheField() {
        config.item(ConfigItems.deleted(item));

        BadInputException error =
                assertThrows(BadInputException.class, () -> new CurrentItemReader(client).live(key, "ResourceId"));

        assertEquals("ResourceId", error.field());
        assertTrue(
                error.problem().startsWith("AWS Config has no current configuration item for AWS::ECS::Service"),
                error.problem());
    }

    @Test
    void anItemWithoutAConfigurationLeavesNothingToRemediate() {
        JsonObject notRecorded = item.deepCopy();
        notRecorded.addProperty("configurationItemStatus", "ResourceNotRecorded");
        notRecorded.remove("configuration");
        config.item(notRecorded);

        BadInputException error =
                assertThrows(BadInputException.class, () -> new CurrentItemReader(client).live(key, "ResourceId"));

        assertEquals(CurrentItemReader.ITEM + ".configuration", error.field());
        assertTrue(error.problem().contains("as ResourceNotRecorded"), error.problem());
    }

    @Test
    void aKeyConfigLeftUnprocessedIsAnAwsFailureNotBadInput() {
        config.item(item).leaveUnprocessed(1);

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> new CurrentItemReader(client).live(key, "ResourceId"));

        assertTrue(failure.getMessage().endsWith("unprocessedResourceKeys); try again"), failure.getMessage());
    }
}
