package dev.ecspublicip.remediation;

import static dev.ecspublicip.remediation.Harness.outcome;
import static dev.ecspublicip.remediation.Harness.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.TaskSetNotFoundException;

/**
 * Two remediation executions on one task set at the same time (Config's automatic retry, by its Config
 * resource id, beside a manual run, by the task set's ARN), their ECS calls interleaved one by one in
 * adversarial orders against the stateful ECS stand-in. Whatever the order: exactly one replacement, and
 * the old task set deleted, never before the replacement is steady, and no run failing because the other
 * got there first.
 */
class ConcurrentReplacementTest {
    static final String TYPE = "AWS::ECS::TaskSet";
    static final String OLD_ID = "ecs-svc/7345869273412391028";
    static final String SERVICE_ARN = EcsStandIn.serviceArn("prod", "canary");
    static final String OLD_ARN = EcsStandIn.taskSetArn("prod", "canary", OLD_ID);
    static final String CONFIG_ID = "prod|canary|" + OLD_ID;
    /** Config's automatic retry names the task set by its Config id, a manual run by its ARN. */
    static final String RETRY = "retry";

    static final String MANUAL = "manual";

    private Harness harness;
    private EcsClient retryClient;
    private EcsClient manualClient;
    private Interleaving interleaving;

    @BeforeEach
    void setUp() {
        harness = new Harness().natNetwork();
        harness.ecs.addService(EcsStandIn.serviceJson("prod", "canary", "EXTERNAL"));
        harness.recordInConfig(
                TYPE,
                CONFIG_ID,
                OLD_ARN,
                OLD_ID,
                JsonParser.parseString("""
                {"Cluster": "prod", "Service": "canary", "Id": "%s",
                 "NetworkConfiguration": {"AwsVpcConfiguration": {"AssignPublicIp": "ENABLED", "Subnets": ["subnet-a"]}}}
                """.formatted(OLD_ID)).getAsJsonObject());
        JsonObject old = EcsStandIn.taskSetJson("prod", "canary", OLD_ID, "PRIMARY");
        old.add(
                "networkConfiguration",
                EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-0a1b2c3d4e5f60718")));
        harness.ecs.addTaskSet(old);
        retryClient = harness.ecs.client(AwsClients::configure, RETRY);
        manualClient = harness.ecs.client(AwsClients::configure, MANUAL);
        interleaving = new Interleaving(harness.ecs);
    }

    @AfterEach
    void tearDown() {
        interleaving.close();
        retryClient.close();
        manualClient.close();
        harness.assertNoViolations();
        harness.close();
    }

    private void startBoth() {
        interleaving.start(RETRY, () -> harness.remediateThrough(retryClient, TYPE, CONFIG_ID));
        interleaving.start(MANUAL, () -> harness.remediateThrough(manualClient, TYPE, OLD_ARN));
    }

    private List<JsonObject> replacements() {
        return harness.ecs.taskSetsOf(SERVICE_ARN).stream()
                .filter(t -> t.getAsJsonArray("tags").toString().contains(TaskSetReplacement.MARKER_TAG))
                .toList();
    }

    private String onlyReplacement() {
        List<JsonObject> replacements = replacements();
        assertEquals(1, replacements.size(), "exactly one replacement: " + replacements);
        return replacements.get(0).get("taskSetArn").getAsString();
    }

    private String status(String taskSetArn) {
        return harness.ecs
                .taskSet(taskSetArn)
                .map(t -> t.get("status").getAsString())
                .orElse("gone");
    }

    /** The replacement made, and steady, by one earlier invocation and ECS. */
    private String steadyReplacement() {
        assertEquals("IN_PROGRESS", outcome(harness.remediate(TYPE, CONFIG_ID)));
        String replacement = onlyReplacement();
        harness.ecs.markSteady(replacement);
        return replacement;
    }

    @Test
    void bothObservingBeforeEitherCreatesMakeOneReplacement() {
        startBoth();
        for (String run : List.of(RETRY, MANUAL)) {
            interleaving.step(run, "DescribeServices");
            interleaving.step(run, "DescribeTaskSets");
        }
        for (String run : List.of(RETRY, MANUAL)) {
            interleaving.step(run, "DescribeTaskDefinition");
            interleaving.step(run, "CreateTaskSet");
        }
        JsonObject retry = interleaving.finish(RETRY);
        JsonObject manual = interleaving.finish(MANUAL);

        String replacement = onlyReplacement();
        for (JsonObject result : List.of(retry, manual)) {
            assertEquals("IN_PROGRESS", outcome(result), reason(result));
            assertEquals(replacement, result.get("replacementTaskSetArn").getAsString());
        }
        Set<String> tokens = harness.ecsCalls("CreateTaskSet").stream()
                .map(call -> call.body().get("clientToken").getAsString())
                .collect(Collectors.toSet());
        assertEquals(1, tokens.size(), "both sent the same client token, so ECS made one task set");
        assertEquals("PRIMARY", status(OLD_ARN));
    }

    @Test
    void bothSteppingPastADeletedReplacementsTokenLandOnTheSameNextOne() {
        assertEquals("IN_PROGRESS", outcome(harness.remediate(TYPE, CONFIG_ID)));
        String deleted = onlyReplacement();
        harness.ecs.finishDraining(deleted);
        startBoth();
        for (String run : List.of(RETRY, MANUAL)) {
            interleaving.step(run, "DescribeServices");
            interleaving.step(run, "DescribeTaskSets");
        }
        for (String run : List.of(RETRY, MANUAL)) {
            interleaving.step(run, "DescribeTaskDefinition");
            interleaving.step(run, "CreateTaskSet");
        }
        interleaving.step(RETRY, "CreateTaskSet");
        interleaving.step(MANUAL, "CreateTaskSet");
        JsonObject retry = interleaving.finish(RETRY);
        JsonObject manual = interleaving.finish(MANUAL);

        String replacement = onlyReplacement();
        assertNotEquals(deleted, replacement, "a new replacement, not the deleted one");
        for (JsonObject result : List.of(retry, manual)) {
            assertEquals("IN_PROGRESS", outcome(result), reason(result));
            assertEquals(replacement, result.get("replacementTaskSetArn").getAsString());
        }
    }

    @Test
    void bothFinishingTheSteadyReplacementPromoteItAndDeleteTheOldOneOnce() {
        String replacement = steadyReplacement();
        startBoth();
        for (String run : List.of(RETRY, MANUAL)) {
            interleaving.step(run, "DescribeServices");
            interleaving.step(run, "DescribeTaskSets");
        }
        interleaving.step(RETRY, "UpdateServicePrimaryTaskSet");
        interleaving.step(MANUAL, "UpdateServicePrimaryTaskSet");
        interleaving.step(RETRY, "DeleteTaskSet");
        assertEquals("DRAINING", status(OLD_ARN));
        interleaving.step(MANUAL, "DeleteTaskSet");

        for (String run : List.of(RETRY, MANUAL)) {
            JsonObject result = interleaving.finish(run);
            assertEquals("REMEDIATED", outcome(result), run + ": " + reason(result));
        }
        assertEquals("PRIMARY", status(replacement));
        assertEquals("DRAINING", status(OLD_ARN));
        assertEquals(replacement, onlyReplacement());
    }

    @Test
    void aDeleteThatFindsTheOldTaskSetGoneEndsRemediatedNotFailed() {
        String replacement = steadyReplacement();
        startBoth();
        for (String run : List.of(RETRY, MANUAL)) {
            interleaving.step(run, "DescribeServices");
            interleaving.step(run, "DescribeTaskSets");
        }
        interleaving.step(RETRY, "UpdateServicePrimaryTaskSet");
        interleaving.step(RETRY, "DeleteTaskSet");
        harness.ecs.finishDraining(OLD_ARN);
        // The manual run still acts on what it saw: the old task set primary and serving.
        interleaving.step(MANUAL, "UpdateServicePrimaryTaskSet");
        interleaving.step(MANUAL, "DeleteTaskSet");

        JsonObject retry = interleaving.finish(RETRY);
        JsonObject manual = interleaving.finish(MANUAL);

        assertEquals("REMEDIATED", outcome(retry), reason(retry));
        assertEquals("REMEDIATED", outcome(manual), reason(manual));
        assertTrue(reason(manual).contains("was deleted while this run replaced it"), reason(manual));
        assertEquals(
                List.of("ecs:UpdateServicePrimaryTaskSet"),
                Harness.actionCalls(manual),
                "the delete that found nothing is not reported as a change");
        assertEquals("gone", status(OLD_ARN));
        assertEquals("PRIMARY", status(replacement));
        assertEquals(replacement, onlyReplacement());
    }

    @Test
    void aRefusedDeleteOfAnOldTaskSetAlreadyDrainingEndsRemediatedAfterALookAgain() {
        String replacement = steadyReplacement();
        startBoth();
        for (String run : List.of(RETRY, MANUAL)) {
            interleaving.step(run, "DescribeServices");
            interleaving.step(run, "DescribeTaskSets");
        }
        interleaving.step(RETRY, "UpdateServicePrimaryTaskSet");
        interleaving.step(RETRY, "DeleteTaskSet");
        // ECS documents no answer for deleting a DRAINING task set; suppose it refuses.
        harness.ecs.once(
                "DeleteTaskSet", call -> Reply.error(400, "InvalidParameterException", "The task set is draining."));
        interleaving.step(MANUAL, "UpdateServicePrimaryTaskSet");
        interleaving.step(MANUAL, "DescribeTaskSets");

        JsonObject manual = interleaving.finish(MANUAL);

        assertEquals("REMEDIATED", outcome(manual), reason(manual));
        assertTrue(reason(manual).contains("was deleted while this run replaced it"), reason(manual));
        assertEquals("REMEDIATED", outcome(interleaving.finish(RETRY)));
        assertEquals("DRAINING", status(OLD_ARN));
        assertEquals(replacement, onlyReplacement());
    }

    @Test
    void aRefusedDeleteOfAnOldTaskSetStillServingStaysAFailure() {
        steadyReplacement();
        harness.ecs.once("DeleteTaskSet", call -> Reply.error(400, "AccessDeniedException", "not allowed"));

        assertThrows(AccessDeniedException.class, () -> harness.remediate(TYPE, CONFIG_ID));
        assertEquals("ACTIVE", status(OLD_ARN));
    }

    @Test
    void aRunThatObservedBeforeTheOtherFinishedGetsTheSameReplacementBackFromItsToken() {
        startBoth();
        interleaving.step(MANUAL, "DescribeServices");
        interleaving.step(MANUAL, "DescribeTaskSets");
        // Config's retry creates the replacement, it settles, and a later invocation finishes the job.
        JsonObject created = interleaving.finish(RETRY);
        assertEquals("IN_PROGRESS", outcome(created), reason(created));
        String replacement = onlyReplacement();
        harness.ecs.markSteady(replacement);
        assertEquals("REMEDIATED", outcome(harness.remediate(TYPE, CONFIG_ID)));
        harness.ecs.finishDraining(OLD_ARN);

        JsonObject manual = interleaving.finish(MANUAL);

        assertEquals("IN_PROGRESS", outcome(manual), reason(manual));
        assertEquals(replacement, manual.get("replacementTaskSetArn").getAsString());
        assertEquals(replacement, onlyReplacement());
        JsonObject rerun = harness.remediateThrough(manualClient, TYPE, OLD_ARN);
        assertEquals("REMEDIATED", outcome(rerun), reason(rerun));
        assertEquals(List.of(), Harness.actionCalls(rerun));
    }

    @Test
    void ecsAnswersWhatARacingRunMeetsAsItsApiModelSays() {
        String replacement = steadyReplacement();
        assertEquals("REMEDIATED", outcome(harness.remediate(TYPE, CONFIG_ID)));
        try (EcsClient ecs = harness.ecs.client(AwsClients::configure)) {
            ecs.updateServicePrimaryTaskSet(
                    r -> r.cluster("prod").service("canary").primaryTaskSet(replacement));
            assertEquals("PRIMARY", status(replacement), "promoting the primary again changes nothing");
            ecs.deleteTaskSet(
                    r -> r.cluster("prod").service("canary").taskSet(OLD_ARN).force(true));
            assertEquals("DRAINING", status(OLD_ARN), "deleting a draining task set again changes nothing");
            harness.ecs.finishDraining(OLD_ARN);
            assertThrows(
                    TaskSetNotFoundException.class,
                    () -> ecs.deleteTaskSet(r ->
                            r.cluster("prod").service("canary").taskSet(OLD_ARN).force(true)));
            assertThrows(
                    TaskSetNotFoundException.class,
                    () -> ecs.updateServicePrimaryTaskSet(
                            r -> r.cluster("prod").service("canary").primaryTaskSet(OLD_ARN)));
        }
        // The stand-in records a violation for any error its operation does not list in the model.
        assertTrue(harness.ecs.model().errors("DeleteTaskSet").contains("TaskSetNotFoundException"));
        assertTrue(harness.ecs.model().errors("UpdateServicePrimaryTaskSet").contains("TaskSetNotFoundException"));
    }

    /** Every order of two first invocations' ECS calls: one replacement, both runs waiting on it. */
    @Test
    void everyOrderOfTwoFirstInvocationsMakesOneReplacement() {
        for (List<String> order : orders(4, 4)) {
            reset();
            startBoth();
            List<String> ran = interleave(order, step -> {});
            JsonObject retry = interleaving.finish(RETRY);
            JsonObject manual = interleaving.finish(MANUAL);

            String replacement = onlyReplacement();
            for (JsonObject result : List.of(retry, manual)) {
                assertEquals("IN_PROGRESS", outcome(result), ran + ": " + reason(result));
                assertEquals(replacement, result.get("replacementTaskSetArn").getAsString(), ran.toString());
            }
            assertEquals("PRIMARY", status(OLD_ARN), ran.toString());
        }
    }

    /**
     * Every order of two finishing invocations' ECS calls, with the old task set finishing its draining at
     * once after the first delete (the hardest case for the second): both REMEDIATED, the replacement
     * primary, the old task set deleted.
     */
    @Test
    void everyOrderOfTwoFinishingInvocationsEndsRemediatedWithTheOldTaskSetDeleted() {
        for (boolean drainAtOnce : List.of(false, true)) {
            for (List<String> order : orders(4, 4)) {
                reset();
                String replacement = steadyReplacement();
                startBoth();
                List<String> ran = interleave(order, step -> {
                    if (drainAtOnce
                            && step.endsWith("DeleteTaskSet")
                            && status(OLD_ARN).equals("DRAINING")) {
                        harness.ecs.finishDraining(OLD_ARN);
                    }
                });
                for (String run : List.of(RETRY, MANUAL)) {
                    JsonObject result = interleaving.finish(run);
                    assertEquals("REMEDIATED", outcome(result), ran + " " + run + ": " + reason(result));
                }
                assertEquals("PRIMARY", status(replacement), ran.toString());
                assertEquals(drainAtOnce ? "gone" : "DRAINING", status(OLD_ARN), ran.toString());
                assertEquals(replacement, onlyReplacement(), ran.toString());
                assertEquals(1, harness.ecsCalls("CreateTaskSet").size(), "no run creates once the replacement exists");
            }
        }
    }

    /** Lets the runs' ECS calls through in this order of runs (one whose run ended gives its turn away). */
    private List<String> interleave(List<String> order, Consumer<String> afterEachStep) {
        List<String> ran = new ArrayList<>();
        for (String run : order) {
            String turn = interleaving.ended(run) ? (run.equals(RETRY) ? MANUAL : RETRY) : run;
            interleaving.step(turn).ifPresent(operation -> {
                String step = turn + ":" + operation;
                ran.add(step);
                afterEachStep.accept(step);
            });
        }
        return ran;
    }

    /** Every arrangement of {@code retries} turns of the retry among {@code manuals} of the manual run. */
    private static List<List<String>> orders(int retries, int manuals) {
        List<List<String>> orders = new ArrayList<>();
        if (retries == 0 && manuals == 0) {
            orders.add(new ArrayList<>());
            return orders;
        }
        if (retries > 0) {
            for (List<String> rest : orders(retries - 1, manuals)) {
                rest.add(0, RETRY);
                orders.add(rest);
            }
        }
        if (manuals > 0) {
            for (List<String> rest : orders(retries, manuals - 1)) {
                rest.add(0, MANUAL);
                orders.add(rest);
            }
        }
        return orders;
    }

    /** A fresh world for the next order: new stand-ins, the old task set public and primary, no runs. */
    private void reset() {
        tearDown();
        setUp();
    }
}
