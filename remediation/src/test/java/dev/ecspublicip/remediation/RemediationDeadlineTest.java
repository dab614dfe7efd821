package dev.ecspublicip.remediation;

import static dev.ecspublicip.remediation.Harness.actionCalls;
import static dev.ecspublicip.remediation.Harness.outcome;
import static dev.ecspublicip.remediation.Harness.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Config, ECS and EC2 call of the remediation ends before the invocation's deadline, and a run that
 * runs out of time stops between two steps with IN_PROGRESS, so the runbook's next iteration continues.
 *
 * <p>The slow-endpoint scenario is the one seen against the unbounded clients (20 s left, every call
 * answered after 9 s: the handler returned after 37 to 47 s), scaled down four times so the test takes
 * 5 s of wall time: 5 s left, every call answered after 2.25 s, a change started only with 5 s left and
 * 0.25 s kept for the answer (the deployed function's 20 s and 1 s, scaled the same).
 */
class RemediationDeadlineTest {
    private static final String SERVICE = "AWS::ECS::Service";
    private static final String SERVICE_ARN = EcsStandIn.serviceArn("prod", "web");
    private static final String SERVICE_ID = SERVICE_ARN + "|prod";
    private static final int SCALE = 4;
    private static final Timing SCALED =
            new Timing(Timing.LAMBDA.minMillisForChanges() / SCALE, Timing.LAMBDA.answerMillis() / SCALE);
    private static final long LEFT_MILLIS = 20_000 / SCALE;
    private static final long ANSWER_AFTER_MILLIS = 9_000 / SCALE;

    private Harness harness;

    @BeforeEach
    void setUp() {
        harness = new Harness().natNetwork();
    }

    @AfterEach
    void tearDown() {
        harness.assertNoViolations();
        harness.close();
    }

    private void publicService() {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add(
                "networkConfiguration",
                EcsStandIn.awsvpc("ENABLED", List.of("subnet-a", "subnet-b"), List.of("sg-0a1b2c3d4e5f60718")));
        harness.ecs.addService(service);
        harness.recordInConfig(
                SERVICE,
                SERVICE_ID,
                SERVICE_ARN,
                "web",
                JsonParser.parseString("{\"Cluster\": \"prod\", \"ServiceName\": \"web\"}")
                        .getAsJsonObject());
    }

    /** Config and ECS answer every call only this long after it arrived: a slow endpoint, not a failing one. */
    private void everyCallAnsweredAfter(long millis) {
        harness.config.delay("BatchGetResourceConfig", millis);
        for (String operation : List.of(
                "DescribeServices",
                "DescribeTaskSets",
                "DescribeTaskDefinition",
                "UpdateService",
                "CreateTaskSet",
                "UpdateServicePrimaryTaskSet",
                "DeleteTaskSet")) {
            harness.ecs.delay(operation, millis);
        }
    }

    @Test
    void slowEndpointsEndTheInvocationBeforeItsDeadlineWithInProgressAndNothingChanged() {
        publicService();
        everyCallAnsweredAfter(ANSWER_AFTER_MILLIS);

        long started = System.nanoTime();
        JsonObject result = harness.invoke(
                Harness.event(SERVICE, SERVICE_ID, false, false).toString(), new TestContext(LEFT_MILLIS), SCALED);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals("IN_PROGRESS", outcome(result), reason(result));
        assertTrue(
                took.toMillis() < LEFT_MILLIS,
                "the handler answered after " + took.toMillis() + " ms, past its " + LEFT_MILLIS + " ms");
        // Config (2.25 s), DescribeServices (4.5 s), then DescribeTaskDefinition is cut at the deadline.
        assertTrue(
                reason(result)
                        .startsWith("DescribeTaskDefinition did not answer before the invocation's deadline;"
                                + " nothing was changed by it."),
                reason(result));
        assertTrue(reason(result).contains("Invoke again"), reason(result));
        assertEquals(List.of(), harness.ecsWrites());
        assertEquals(List.of(), actionCalls(result));
    }

    @Test
    void theNextInvocationWithTimeEnoughFinishesWhatTheCutOneLeft() {
        publicService();
        everyCallAnsweredAfter(ANSWER_AFTER_MILLIS);
        harness.invoke(
                Harness.event(SERVICE, SERVICE_ID, false, false).toString(), new TestContext(LEFT_MILLIS), SCALED);

        everyCallAnsweredAfter(0);
        JsonObject next = harness.remediate(SERVICE, SERVICE_ID);

        assertEquals("REMEDIATED", outcome(next), reason(next));
        assertEquals(List.of("UpdateService"), harness.ecsWrites());
    }

    @Test
    void aCallAskedForOnceTheTimeIsUsedUpIsNotSent() {
        publicService();

        // Time runs out while Config answers: ECS is never asked.
        JsonObject result = harness.invoke(
                Harness.event(SERVICE, SERVICE_ID, false, false).toString(),
                new TestContext(() -> harness.config.calls().isEmpty() ? 60_000 : 100),
                Timing.LAMBDA);

        assertEquals("IN_PROGRESS", outcome(result), reason(result));
        assertTrue(
                reason(result).startsWith("DescribeServices was not called: the invocation's time was used up."),
                reason(result));
        assertEquals(List.of(), harness.ecs.calls());
    }

    @Test
    void aReplacementStopsBetweenPromotingAndDeletingWhenTimeRunsShort() {
        String oldId = "ecs-svc/7345869273412391028";
        String oldArn = EcsStandIn.taskSetArn("prod", "canary", oldId);
        String configId = "prod|canary|" + oldId;
        harness.ecs.addService(EcsStandIn.serviceJson("prod", "canary", "EXTERNAL"));
        JsonObject old = EcsStandIn.taskSetJson("prod", "canary", oldId, "PRIMARY");
        old.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of()));
        harness.ecs.addTaskSet(old);
        harness.recordInConfig(
                TaskSetReplacementTest.TYPE,
                configId,
                oldArn,
                oldId,
                JsonParser.parseString("{\"Cluster\": \"prod\", \"Service\": \"canary\", \"Id\": \"" + oldId + "\"}")
                        .getAsJsonObject());
        harness.remediate(TaskSetReplacementTest.TYPE, configId);
        harness.ecs.markSteady(harness.ecs.taskSetsOf(EcsStandIn.serviceArn("prod", "canary")).stream()
                .map(t -> t.get("taskSetArn").getAsString())
                .filter(arn -> !arn.equals(oldArn))
                .findFirst()
                .orElseThrow());

        // Promoting leaves too little time to start the delete as well.
        JsonObject promoted = harness.invoke(
                Harness.event(TaskSetReplacementTest.TYPE, configId, false, false)
                        .toString(),
                new TestContext(
                        () -> harness.ecs.calls("UpdateServicePrimaryTaskSet").isEmpty()
                                ? 60_000
                                : Timing.LAMBDA.minMillisForChanges() - 1),
                Timing.LAMBDA);

        assertEquals("IN_PROGRESS", outcome(promoted), reason(promoted));
        assertEquals(List.of("ecs:UpdateServicePrimaryTaskSet"), actionCalls(promoted));
        assertEquals(List.of("CreateTaskSet", "UpdateServicePrimaryTaskSet"), harness.ecsWrites());

        JsonObject deleted = harness.remediate(TaskSetReplacementTest.TYPE, configId);
        assertEquals("REMEDIATED", outcome(deleted), reason(deleted));
        assertEquals(List.of("ecs:DeleteTaskSet"), actionCalls(deleted));
        assertEquals(List.of("CreateTaskSet", "UpdateServicePrimaryTaskSet", "DeleteTaskSet"), harness.ecsWrites());
    }
}
