package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Verdict;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.config.ConfigClient;

class OverridingConfigClientTest {
    private static final String SERVICE = "AWS::ECS::Service";
    private static final Instant CAPTURED = Instant.parse("2026-11-20T09:00:00Z");

    private final ConfigInventoryStandIn config = new ConfigInventoryStandIn();
    private final ConfigClient client = config.client(AwsClients::configure);

    @AfterEach
    void close() {
        config.assertNoViolations();
        client.close();
        config.close();
    }

    /** A deadline {@code millis} from now. */
    private static CallDeadline in(long millis) {
        long end = System.currentTimeMillis() + millis;
        return new CallDeadline(() -> end - System.currentTimeMillis());
    }

    private static List<Evaluation> oneEvaluation() {
        return List.of(
                new Evaluation(new ResourceKey(SERVICE, "web"), new Verdict(Compliance.COMPLIANT, "fine"), CAPTURED));
    }

    @Test
    void aSlowEndpointEndsTheCallAtTheDeadlineNotAfterIt() {
        config.delay("ListDiscoveredResources", 5_000);
        CallDeadline reads = in(400);
        ConfigClient bounded = OverridingConfigClient.withDeadlines(client, reads, in(60_000));

        long start = System.nanoTime();
        SdkClientException timeout = assertThrows(
                SdkClientException.class, () -> ConfigInventory.list(bounded, SERVICE, Optional.empty(), () -> false));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(reads.ended(timeout), "the deadline ended the call: " + timeout);
        assertTrue(tookMillis < 2_000, "ended after " + tookMillis + " ms");
    }

    @Test
    void putsKeepTheirOwnLaterDeadlineOnceReadingMustStop() {
        ConfigClient bounded = OverridingConfigClient.withDeadlines(client, new CallDeadline(() -> 0), in(60_000));

        assertThrows(
                CallDeadline.Passed.class, () -> ConfigInventory.list(bounded, SERVICE, Optional.empty(), () -> false));
        new EvaluationPublisher(bounded).put("token", oneEvaluation());

        assertEquals(0, config.calls("ListDiscoveredResources").size(), "a read past its deadline is not sent");
        assertEquals(1, config.evaluationsPut().size());
    }

    @Test
    void everyPageOfAPaginatorCarriesTheOverride() {
        for (int i = 0; i < 250; i++) {
            config.item(ConfigItems.service("prod", "web-" + i, Network.DISABLED, Map.of(), CAPTURED));
        }
        ApiCallCounter counter = new ApiCallCounter();

        ConfigInventory.list(OverridingConfigClient.metered(client, counter), SERVICE, Optional.empty(), () -> false);

        assertEquals(Map.of("ListDiscoveredResources", 3L), counter.calls());
    }
}
