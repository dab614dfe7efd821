package dev.ecspublicip.remediation;

import static dev.ecspublicip.remediation.Harness.outcome;
import static dev.ecspublicip.remediation.Harness.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task-set replacement ends REMEDIATED only when the old task set's tasks are gone and the
 * replacement's tasks hold no public address.
 */
class TaskSetLastCheckTest {
    private static final String TYPE = "AWS::ECS::TaskSet";
    private static final String OLD_ID = "ecs-svc/7345869273412391028";
    private static final String OLD_ARN = EcsStandIn.taskSetArn("prod", "canary", OLD_ID);
    private static final String SERVICE_ARN = EcsStandIn.serviceArn("prod", "canary");

    private Harness harness;

    @BeforeEach
    void setUp() {
        harness = new Harness().natNetwork();
        harness.ecs.addService(EcsStandIn.serviceJson("prod", "canary", "EXTERNAL"));
        JsonObject old = EcsStandIn.taskSetJson("prod", "canary", OLD_ID, "PRIMARY");
        old.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
        harness.ecs.addTaskSet(old);
        task("old-1", OLD_ID, "203.0.113.7");
        harness.ecs.settleAfterDescribes(0);
    }

    @AfterEach
    void tearDown() {
        harness.assertNoViolations();
        harness.close();
    }

    private void task(String id, String startedBy, String publicIp) {
        harness.ecs.addTask(EcsStandIn.taskJson("prod", id, "service:canary", startedBy, "subnet-a", "eni-" + id));
        harness.ec2.networkInterface("eni-" + id, "subnet-a", Harness.VPC, publicIp);
    }

    private String replacementId() {
        return harness.ecs.taskSetsOf(SERVICE_ARN).stream()
                .filter(t -> !t.get("taskSetArn").getAsString().equals(OLD_ARN))
                .findFirst()
                .orElseThrow()
                .get("id")
                .getAsString();
    }

    @Test
    void theReplacementIsDoneOnlyOnceTheOldTaskSetsTasksAreGone() {
        harness.remediate(TYPE, OLD_ARN);
        task("new-1", replacementId(), null);

        JsonObject deleted = harness.remediate(TYPE, OLD_ARN);
        assertEquals("IN_PROGRESS", outcome(deleted), reason(deleted));
        assertTrue(
                reason(deleted)
                        .contains("1 task(s) of the old task set " + OLD_ID + " still run (1 with a public address)"),
                reason(deleted));

        harness.ecs.stopTasksStartedBy(OLD_ID);
        JsonObject done = harness.remediate(TYPE, OLD_ARN);
        assertEquals("REMEDIATED", outcome(done), reason(done));
        assertEquals(1, harness.ecsCalls("DeleteTaskSet").size());
    }

    @Test
    void aReplacementTaskHoldingAPublicAddressIsRefused() {
        harness.remediate(TYPE, OLD_ARN);
        harness.ecs.stopTasksStartedBy(OLD_ID);
        task("new-1", replacementId(), "198.51.100.30");

        JsonObject refused = harness.remediate(TYPE, OLD_ARN);

        assertEquals("REFUSED", outcome(refused), reason(refused));
        assertTrue(reason(refused).contains("198.51.100.30"), reason(refused));
    }
}
