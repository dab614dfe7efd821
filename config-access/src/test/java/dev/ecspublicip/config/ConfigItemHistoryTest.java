package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;

class ConfigItemHistoryTest {
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

    /** A page Config may answer while it searches the history: no item, and a token for the next window. */
    private static Reply emptyPageWithToken(Call call) {
        JsonObject page = new JsonObject();
        page.add("configurationItems", new JsonArray());
        page.addProperty("nextToken", "window-" + call.body().has("nextToken"));
        return Reply.ok(page);
    }

    @Test
    void readsTheNewestItemCapturedNoLaterThanTheEventsTime() {
        config.item(item);

        ConfigurationItem read = new ConfigItemHistory(client).itemAt(key, CAPTURED);

        assertEquals(key, read.resource().key());
        assertEquals(CAPTURED, read.captureTime());
        Call call = config.calls("GetResourceConfigHistory").get(0);
        assertEquals(
                0,
                ConfigItems.epochSeconds(CAPTURED)
                        .compareTo(call.body().get("laterTime").getAsBigDecimal()));
        assertEquals(1, call.body().get("limit").getAsInt());
    }

    @Test
    void followsPagesThatHoldNoItem() {
        config.item(item);
        config.once("GetResourceConfigHistory", ConfigItemHistoryTest::emptyPageWithToken)
                .once("GetResourceConfigHistory", ConfigItemHistoryTest::emptyPageWithToken);

        assertEquals(
                key,
                new ConfigItemHistory(client).itemAt(key, CAPTURED).resource().key());
        assertEquals(3, config.calls("GetResourceConfigHistory").size());
    }

    @Test
    void givesUpAfterItsPagesWithAnAwsFailure() {
        config.item(item);
        config.on("GetResourceConfigHistory", ConfigItemHistoryTest::emptyPageWithToken);

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> new ConfigItemHistory(client).itemAt(key, CAPTURED));

        assertTrue(failure.getMessage().contains("in up to 10 pages"), failure.getMessage());
        assertEquals(
                ConfigItemHistory.MAX_PAGES,
                config.calls("GetResourceConfigHistory").size());
    }

    @Test
    void anItemCapturedOnlyAfterTheEventIsNotTakenForIt() {
        config.item(item);

        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> new ConfigItemHistory(client).itemAt(key, CAPTURED.minusSeconds(60)));

        assertTrue(
                failure.getMessage().startsWith("AWS Config returned no configuration item for"), failure.getMessage());
    }
}
