package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service remediation is done only when the fix took: the deployment UpdateService started COMPLETED
 * and no running task of the service holds a public address; a rollback to public is refused.
 */
class ServiceRolloutTest {
    private static final String TYPE = "AWS::ECS::Service";
    private static final String ARN = EcsStandIn.serviceArn("prod", "web");

    private Harness harness;

    @BeforeEach
    void setUp() {
        harness = new Harness().natNetwork();
        harness.ecs.holdRollouts();
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
        JsonObject deployment = EcsStandIn.deploymentJson("ecs-svc/1", "PRIMARY", "COMPLETED", null, "ENABLED");
        deployment.addProperty(
                "createdAt", Harness.START.minus(Duration.ofDays(30)).getEpochSecond());
        JsonArray deployments = new JsonArray();
        deployments.add(deployment);
        service.add("deployments", deployments);
        harness.ecs.addService(service);
        oldTask("old-1", "203.0.113.7");
    }

    @AfterEach
    void tearDown() {
        harness.assertNoViolations();
        harness.close();
    }

    private void oldTask(String id, String publicIp) {
        harness.ecs.addTask(EcsStandIn.taskJson("prod", id, "service:web", "ecs-svc/1", "subnet-a", "eni-" + id));
        harness.ec2.networkInterface("eni-" + id, "subnet-a", Harness.VPC, publicIp);
    }

    private String primaryId() {
        return harness.ecs.primaryDeployment(ARN).orElseThrow().get("id").getAsString();
    }

    @Test
    void updateServiceIsInProgressUntilTheRolloutCompletedAndTheOldTasksHaveDrained() {
        JsonObject started = harness.remediate(TYPE, ARN);
        assertEquals("IN_PROGRESS", started.get("outcome").getAsString(), started.toString());
        assertTrue(started.get("reason").getAsString().contains("rolloutState IN_PROGRESS"), started.toString());
        assertTrue(started.get("reason").getAsString().contains("older deployment ecs-svc/1"), started.toString());

        harness.ecs.completeRollout(ARN);
        JsonObject draining = harness.remediate(TYPE, ARN);
        assertEquals("IN_PROGRESS", draining.get("outcome").getAsString(), draining.toString());
        assertTrue(
                draining.get("reason").getAsString().contains("public IPv4 203.0.113.7 on eni-old-1"),
                draining.toString());

        harness.ecs.stopTasksStartedBy("ecs-svc/1");
        JsonObject done = harness.remediate(TYPE, ARN);
        assertEquals("REMEDIATED", done.get("outcome").getAsString(), done.toString());
        assertEquals(1, harness.ecsCalls("UpdateService").size(), "one change over all runs");
    }

    @Test
    void aRollbackToPublicIsRefusedNamingTheRollbackAndItsReasonAndEveryRerunRefusesAlike() {
        harness.remediate(TYPE, ARN);
        String failed = primaryId();
        harness.ecs.rollBack(ARN, "ECS deployment circuit breaker: tasks failed to start.");

        JsonObject refused = harness.remediate(TYPE, ARN);
        JsonObject again = harness.remediate(TYPE, ARN);

        assertEquals("REFUSED", refused.get("outcome").getAsString(), refused.toString());
        String reason = refused.get("reason").getAsString();
        assertTrue(reason.contains("ECS rolled back deployment " + failed), reason);
        assertTrue(reason.contains("ECS deployment circuit breaker: tasks failed to start."), reason);
        assertEquals(reason, again.get("reason").getAsString());
        assertEquals(1, harness.ecsCalls("UpdateService").size(), "no second try at the same failing change");
    }

    @Test
    void oldTasksStillRunningAfterTheBoundedWaitAreRefusedNamingWhatRuns() {
        harness.remediate(TYPE, ARN);
        harness.ecs.completeRollout(ARN);
        harness.clock.advance(ServiceRollout.MAX_WAIT.plusMinutes(1));

        JsonObject refused = harness.remediate(TYPE, ARN);

        assertEquals("REFUSED", refused.get("outcome").getAsString(), refused.toString());
        assertTrue(refused.get("reason").getAsString().contains("eni-old-1"), refused.toString());
    }

    @Test
    void aNewTaskThatStillHoldsAPublicAddressIsRefusedAtOnce() {
        harness.remediate(TYPE, ARN);
        harness.ecs.completeRollout(ARN);
        harness.ecs.stopTasksStartedBy("ecs-svc/1");
        harness.ecs.addTask(EcsStandIn.taskJson("prod", "new-1", "service:web", primaryId(), "subnet-a", "eni-new-1"));
        harness.ec2.networkInterface("eni-new-1", "subnet-a", Harness.VPC, "198.51.100.20");

        JsonObject refused = harness.remediate(TYPE, ARN);

        assertEquals("REFUSED", refused.get("outcome").getAsString(), refused.toString());
        assertTrue(refused.get("reason").getAsString().contains("PRIMARY deployment"), refused.toString());
        assertTrue(refused.get("reason").getAsString().contains("198.51.100.20"), refused.toString());
    }
}
