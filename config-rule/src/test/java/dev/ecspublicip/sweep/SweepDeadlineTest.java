package dev.ecspublicip.sweep;

import static dev.ecspublicip.sweep.SweepFixture.CAPTURED;
import static dev.ecspublicip.sweep.SweepFixture.ECS_TYPES;
import static dev.ecspublicip.sweep.SweepFixture.RULE;
import static dev.ecspublicip.sweep.SweepFixture.invoke;
import static dev.ecspublicip.sweep.SweepFixture.scheduledEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.lambda.ConfigRuleHandler;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import dev.ecspublicip.testing.lambda.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A Config endpoint that answers in 9 s, against a Lambda with a few seconds left: every call is cut at its
 * deadline by the SDK's own timeouts, the handler returns before its timeout, the summary is written, and a
 * sweep cut short this way stops for the time budget, not with an error.
 */
class SweepDeadlineTest {
    private static final long SLOW_MILLIS = 9_000;
    private static final long LAMBDA_MILLIS = 4_000;

    private final ConfigInventoryStandIn config = new ConfigInventoryStandIn();

    @AfterEach
    void close() {
        config.close();
    }

    @Test
    void slowReadsAreCutAtTheReserveAndTheSweepStopsForTheTimeBudget() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(300);
        config.delay("BatchGetResourceConfig", SLOW_MILLIS);
        TestContext context = new TestContext(LAMBDA_MILLIS);
        long started = System.nanoTime();

        JsonObject summary = invoke(config, scheduledEvent(null), context);

        assertTrue(
                elapsedMillis(started) < LAMBDA_MILLIS,
                "returned after its deadline: " + elapsedMillis(started) + " ms");
        assertEquals(1, context.logLines().size(), "the summary line is written");
        assertEquals(summary, JsonParser.parseString(context.logLines().get(0)).getAsJsonObject());
        assertEquals("scheduled sweep stopped early", summary.get("message").getAsString());
        assertEquals("time budget", summary.get("stoppedBy").getAsString());
        assertFalse(summary.has("error"), summary.toString());
        assertEquals(0, summary.get("evaluationsPut").getAsInt());
        assertTrue(config.calls("BatchGetResourceConfig").size() >= 1);
        config.assertNoViolations();
    }

    @Test
    void putsCutShortAtTheDeadlineAreCountedAsNotPutWithoutError() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(150);
        config.delay("PutEvaluations", SLOW_MILLIS);
        TestContext context = new TestContext(LAMBDA_MILLIS);
        long started = System.nanoTime();

        JsonObject summary = invoke(config, scheduledEvent(null), context);

        assertTrue(
                elapsedMillis(started) < LAMBDA_MILLIS,
                "returned after its deadline: " + elapsedMillis(started) + " ms");
        assertEquals("time budget", summary.get("stoppedBy").getAsString());
        assertFalse(summary.has("error"), summary.toString());
        assertEquals(150, summary.get("resourcesRead").getAsInt());
        assertEquals(0, summary.get("evaluationsPut").getAsInt());
        assertEquals(150, summary.get("evaluationsNotPut").getAsInt());
        assertEquals(1, context.logLines().size());
    }

    @Test
    void aSlowListingStopsTheSweepBeforeTheDeadline() {
        config.rule(RULE, ECS_TYPES, null);
        addServices(20);
        config.delay("ListDiscoveredResources", SLOW_MILLIS);
        TestContext context = new TestContext(LAMBDA_MILLIS);
        long started = System.nanoTime();

        JsonObject summary = invoke(config, scheduledEvent(null), context);

        assertTrue(
                elapsedMillis(started) < LAMBDA_MILLIS,
                "returned after its deadline: " + elapsedMillis(started) + " ms");
        assertEquals("time budget", summary.get("stoppedBy").getAsString());
        assertFalse(summary.get("inventoryComplete").getAsBoolean());
        assertEquals(0, summary.get("staleCleared").getAsInt(), "nothing is called stale without the whole inventory");
    }

    @Test
    void aChangeEventsPutToASlowEndpointFailsBeforeTheDeadline() throws Exception {
        config.delay("PutEvaluations", SLOW_MILLIS);
        TestContext context = new TestContext(LAMBDA_MILLIS);
        byte[] event = Files.readAllBytes(Reference.testEvents().resolve("service-public-ip-enabled.json"));
        long started = System.nanoTime();

        SdkException error = assertThrows(
                SdkException.class,
                () -> new ConfigRuleHandler(() -> config.client(AwsClients::configure))
                        .handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), context));

        assertTrue(
                elapsedMillis(started) < LAMBDA_MILLIS,
                "returned after its deadline: " + elapsedMillis(started) + " ms");
        assertTrue(error.getClass().getSimpleName().contains("Timeout"), error.toString());
    }

    private void addServices(int count) {
        for (int i = 0; i < count; i++) {
            config.item(ConfigItems.service(
                    "prod", "svc-" + i, i % 3 == 0 ? Network.ENABLED : Network.DISABLED, Map.of(), CAPTURED));
        }
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
