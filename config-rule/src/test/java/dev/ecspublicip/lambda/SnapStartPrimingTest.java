package dev.ecspublicip.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.config.DefaultConfigStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SnapStart priming runs the change-event path without putting anything to Config, and leaves the handler
 * working as before. While these tests run, the SDK's standard system properties point every Config client
 * that is not told otherwise at a loopback stand-in, so a priming that used a real client would be caught
 * putting there.
 */
class SnapStartPrimingTest {
    @RegisterExtension
    final DefaultConfigStandIn defaults = new DefaultConfigStandIn();

    @Test
    void primingRunsThePutEvaluationsPathButPutsNothingToConfig() throws Exception {
        ConfigStandIn config = defaults.config();
        SnapStartPriming priming = new SnapStartPriming();

        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        assertEquals(List.of(), config.calls(), "priming must not reach Config");
        assertEquals(
                List.of("StarlingDoveService.PutEvaluations"),
                priming.answered(),
                "priming should marshal, sign and hand over exactly one PutEvaluations, locally");
    }

    @Test
    void theHandlerPutsAsBeforeAfterPrimingAndRestore() throws Exception {
        ConfigStandIn config = defaults.config();
        SnapStartPriming priming = new SnapStartPriming();
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);

        Path event = Reference.testEvents().resolve("service-public-ip-enabled.json");
        new ConfigRuleHandler(() -> config.client(AwsClients::configure))
                .handleRequest(
                        new ByteArrayInputStream(Files.readAllBytes(event)),
                        new ByteArrayOutputStream(),
                        new TestContext());

        assertEquals(
                Files.readAllLines(event.resolveSibling("service-public-ip-enabled.expected.jsonl")),
                TestEventsTest.asLines(config.evaluationsPut()));
        assertEquals(1, config.calls("PutEvaluations").size());
        config.assertNoViolations();
    }

    @Test
    void primingCanRunAgainForAnotherSnapshot() throws Exception {
        ConfigStandIn config = defaults.config();
        SnapStartPriming priming = new SnapStartPriming();
        priming.beforeCheckpoint(null);
        priming.beforeCheckpoint(null);

        assertEquals(List.of("StarlingDoveService.PutEvaluations"), priming.answered());
        assertEquals(List.of(), config.calls());
    }
}
