package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.NoSuchConfigRuleException;

class PriorEvaluationsTest {
    private static final String RULE = "ecs-public-ip";
    private static final String SERVICE = "AWS::ECS::Service";
    private static final Instant ORDERED = Instant.parse("2026-11-20T09:00:00Z");
    private static final PageBudget UNLIMITED = () -> false;

    private final ConfigInventoryStandIn config = new ConfigInventoryStandIn().rule(RULE, List.of(SERVICE), null);
    private final ConfigClient client = config.client(AwsClients::configure);
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() {
        config.assertNoViolations();
        executor.shutdownNow();
        client.close();
        config.close();
    }

    private void evaluations(String complianceType, int count) {
        for (int i = 0; i < count; i++) {
            config.evaluation(RULE, SERVICE, complianceType + "-" + i, complianceType, ORDERED, ORDERED.plusSeconds(i));
        }
    }

    @Test
    void readsCompliantAndNonCompliantAsOnePaginationEachAndNotApplicableNotAtAll() {
        evaluations("COMPLIANT", 150);
        evaluations("NON_COMPLIANT", 30);
        evaluations("NOT_APPLICABLE", 5);

        PriorEvaluations prior = PriorEvaluations.read(client, RULE, UNLIMITED, executor);

        assertEquals(180, prior.size());
        assertTrue(prior.complete());
        assertEquals(
                Map.of("[\"COMPLIANT\"]", 2L, "[\"NON_COMPLIANT\"]", 1L),
                new TreeMap<>(config.calls("GetComplianceDetailsByConfigRule").stream()
                        .collect(java.util.stream.Collectors.groupingBy(
                                (Call call) ->
                                        call.body().get("ComplianceTypes").toString(),
                                java.util.stream.Collectors.counting()))));
        config.calls("GetComplianceDetailsByConfigRule")
                .forEach(call -> assertEquals(100, call.body().get("Limit").getAsInt()));
        assertEquals(
                new PriorEvaluations.Prior(ORDERED, ORDERED.plusSeconds(7)),
                prior.of(new ResourceKey(SERVICE, "COMPLIANT-7")).orElseThrow());
    }

    @Test
    void aResourceJudgedAgainWhileBothWerePagedKeepsItsLaterEvaluation() {
        config.evaluation(RULE, SERVICE, "web", "COMPLIANT", ORDERED, ORDERED.plusSeconds(10));
        config.evaluation(RULE, SERVICE, "web", "NON_COMPLIANT", ORDERED.plusSeconds(20), ORDERED.plusSeconds(30));

        PriorEvaluations prior = PriorEvaluations.read(client, RULE, UNLIMITED, executor);

        assertEquals(1, prior.size());
        assertEquals(
                new PriorEvaluations.Prior(ORDERED.plusSeconds(20), ORDERED.plusSeconds(30)),
                prior.of(new ResourceKey(SERVICE, "web")).orElseThrow());
    }

    @Test
    void proactiveResultsAreLeftOut() {
        config.evaluation(RULE, SERVICE, "deployed", "COMPLIANT", ORDERED, ORDERED);
        JsonObject proactive = new JsonObject();
        JsonObject identifier = new JsonObject();
        JsonObject qualifier = new JsonObject();
        qualifier.addProperty("ConfigRuleName", RULE);
        qualifier.addProperty("ResourceType", SERVICE);
        qualifier.addProperty("ResourceId", "planned");
        qualifier.addProperty("EvaluationMode", "PROACTIVE");
        identifier.add("EvaluationResultQualifier", qualifier);
        identifier.addProperty("OrderingTimestamp", ORDERED.getEpochSecond());
        proactive.add("EvaluationResultIdentifier", identifier);
        proactive.addProperty("ComplianceType", "NON_COMPLIANT");
        config.evaluationResult(proactive);

        PriorEvaluations prior = PriorEvaluations.read(client, RULE, UNLIMITED, executor);

        assertEquals(
                List.of(new ResourceKey(SERVICE, "deployed")),
                List.copyOf(prior.all().keySet()));
    }

    @Test
    void isIncompleteWhenTheBudgetEndsAPagination() {
        evaluations("COMPLIANT", 150);

        PriorEvaluations prior =
                PriorEvaluations.read(client, RULE, () -> !config.calls().isEmpty(), executor);

        assertFalse(prior.complete());
    }

    @Test
    void aFailedPaginationFailsTheReadWithConfigsOwnException() {
        assertThrows(
                NoSuchConfigRuleException.class,
                () -> PriorEvaluations.read(client, "no-such-rule", UNLIMITED, executor));
    }
}
