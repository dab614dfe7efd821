package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Verdict;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationPublisherTest {

    @Test
    void putsInCallsOfAtMost100InOrder() {
        List<Evaluation> evaluations = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            evaluations.add(new Evaluation(
                    new ResourceKey("AWS::ECS::Service", "id-" + i),
                    new Verdict(Compliance.COMPLIANT, "fine"),
                    Instant.parse("2026-11-20T00:00:00Z")));
        }
        try (ConfigStandIn config = new ConfigStandIn()) {
            new EvaluationPublisher(config.client(AwsClients::configure)).put("token", evaluations);

            List<Call> calls = config.calls("PutEvaluations");
            assertEquals(
                    List.of(100, 100, 50),
                    calls.stream()
                            .map(c -> c.body().getAsJsonArray("Evaluations").size())
                            .toList());
            assertEquals(
                    "id-0",
                    config.evaluationsPut().get(0).get("ComplianceResourceId").getAsString());
            assertEquals(
                    "id-249",
                    config.evaluationsPut().get(249).get("ComplianceResourceId").getAsString());
            config.assertNoViolations();
        }
    }

    @Test
    void nothingToPutMakesNoCall() {
        try (ConfigStandIn config = new ConfigStandIn()) {
            new EvaluationPublisher(config.client(AwsClients::configure)).put("token", List.of());
            assertEquals(0, config.calls().size());
        }
    }
}
