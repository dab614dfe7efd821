package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;

class BatchItemReaderTest {
    private static final Instant CAPTURED = Instant.parse("2026-11-20T09:00:00Z");

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
            JsonObject item = ConfigItems.service("prod", "web-" + i, Network.DISABLED, Map.of(), CAPTURED);
            config.item(item);
            keys.add(new ResourceKey("AWS::ECS::Service", item.get("resourceId").getAsString()));
        }
        return keys;
    }

    private static List<ResourceKey> keysOf(List<BaseConfigurationItem> items) {
        return items.stream()
                .map(item -> new ResourceKey(item.resourceTypeAsString(), item.resourceId()))
                .toList();
    }

    @Test
    void readsUpToAHundredKeysInOneCall() {
        List<ResourceKey> keys = services(100);

        BatchItemReader.Batch batch = new BatchItemReader(client).read(keys);

        assertEquals(keys, keysOf(batch.items()));
        assertEquals(List.of(), batch.missing());
        assertEquals(List.of(), batch.unprocessed());
        assertEquals(1, config.calls("BatchGetResourceConfig").size());
    }

    @Test
    void asksAgainForOnlyTheKeysConfigLeftUnprocessed() {
        List<ResourceKey> keys = services(5);
        config.leaveUnprocessed(2);

        BatchItemReader.Batch batch = new BatchItemReader(client).read(keys);

        assertEquals(keys.size(), batch.items().size());
        assertEquals(List.of(), batch.unprocessed());
        assertEquals(
                2,
                config.calls("BatchGetResourceConfig")
                        .get(1)
                        .body()
                        .getAsJsonArray("resourceKeys")
                        .size());
    }

    @Test
    void keysStillUnprocessedAfterEveryAttemptAreReportedUnread() {
        List<ResourceKey> keys = services(3);
        config.leaveUnprocessed(1, 1, 1, 1);

        BatchItemReader.Batch batch = new BatchItemReader(client).read(keys);

        assertEquals(keys.subList(0, 2), keysOf(batch.items()));
        assertEquals(List.of(keys.get(2)), batch.unprocessed());
        assertEquals(List.of(), batch.missing());
        assertEquals(
                BatchItemReader.ATTEMPTS, config.calls("BatchGetResourceConfig").size());
    }

    @Test
    void keysConfigAnswersNothingForAreMissing() {
        List<ResourceKey> keys = services(2);
        ResourceKey deletedSinceListed =
                new ResourceKey("AWS::ECS::Service", "arn:aws:ecs:us-east-1:123456789012:service/prod/gone|prod");
        List<ResourceKey> asked = new ArrayList<>(keys);
        asked.add(deletedSinceListed);

        BatchItemReader.Batch batch = new BatchItemReader(client).read(asked);

        assertEquals(keys, keysOf(batch.items()));
        assertEquals(List.of(deletedSinceListed), batch.missing());
    }

    @Test
    void noRetryPausesPastTheDeadline() {
        List<ResourceKey> keys = services(2);
        config.leaveUnprocessed(1);

        assertThrows(
                CallDeadline.Passed.class, () -> new BatchItemReader(client, new CallDeadline(() -> 50)).read(keys));
        assertEquals(1, config.calls("BatchGetResourceConfig").size());
    }

    @Test
    void moreKeysThanOneCallTakesAreRefusedBeforeAnyCall() {
        List<ResourceKey> keys = Collections.nCopies(101, new ResourceKey("AWS::ECS::Service", "x"));

        assertThrows(IllegalArgumentException.class, () -> new BatchItemReader(client).read(keys));
        assertEquals(0, config.calls().size());
    }
}
