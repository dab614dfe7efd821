package dev.ecspublicip.remediation;

import static dev.ecspublicip.remediation.Harness.actionCalls;
import static dev.ecspublicip.remediation.Harness.outcome;
import static dev.ecspublicip.remediation.Harness.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;

/**
 * Task sets of EXTERNAL services are replaced, across several invocations, each of which may be the
 * last before a crash: the replacement is found again by its tag and never made twice, and the old task
 * set is deleted only after the replacement is steady.
 */
class TaskSetReplacementTest {
    static final String TYPE = "AWS::ECS::TaskSet";
    static final String OLD_ID = "ecs-svc/7345869273412391028";
    static final String SERVICE_ARN = EcsStandIn.serviceArn("prod", "canary");
    static final String OLD_ARN = EcsStandIn.taskSetArn("prod", "canary", OLD_ID);
    static final String CONFIG_ID = "prod|canary|" + OLD_ID;

    private Harness harness;

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
                {"Cluster": "prod", "Service": "canary", "Id": "%s", "ExternalId": "canary-2026-11-20",
                 "NetworkConfiguration": {"AwsVpcConfiguration": {"AssignPublicIp": "ENABLED",
                   "SecurityGroups": ["sg-0a1b2c3d4e5f60718"], "Subnets": ["subnet-a", "subnet-b"]}}}
                """.formatted(OLD_ID)).getAsJsonObject());
    }

    @AfterEach
    void tearDown() {
        harness.assertNoViolations();
        harness.close();
    }

    /** The old task set: public, with everything CreateTaskSet can carry. */
    private JsonObject oldTaskSet(String status, String assignPublicIp) {
        JsonObject taskSet = EcsStandIn.taskSetJson("prod", "canary", OLD_ID, status);
        taskSet.addProperty("externalId", "canary-2026-11-20");
        taskSet.add(
                "networkConfiguration",
                EcsStandIn.awsvpc(assignPublicIp, List.of("subnet-a", "subnet-b"), List.of("sg-0a1b2c3d4e5f60718")));
        taskSet.add("loadBalancers", JsonParser.parseString("""
                [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/canary/1f0e5b2c3a4d5e6f",
                  "containerName": "canary", "containerPort": 8080}]"""));
        taskSet.add("serviceRegistries", JsonParser.parseString("""
                [{"registryArn": "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-utofzdkbkmfkvnl7", "port": 8080}]"""));
        taskSet.add("tags", EcsStandIn.tags("team", "payments", "aws:cloudformation:stack-name", "canary-stack"));
        harness.ecs.addTaskSet(taskSet);
        return taskSet;
    }

    private JsonObject remediate() {
        return harness.remediate(TYPE, CONFIG_ID);
    }

    private List<JsonObject> replacements() {
        return harness.ecs.taskSetsOf(SERVICE_ARN).stream()
                .filter(t ->
                        t.has("tags") && t.getAsJsonArray("tags").toString().contains(TaskSetReplacement.MARKER_TAG))
                .toList();
    }

    private JsonObject replacement() {
        List<JsonObject> replacements = replacements();
        assertEquals(1, replacements.size(), "exactly one replacement");
        return replacements.get(0);
    }

    private String status(String taskSetArn) {
        return harness.ecs.taskSet(taskSetArn).orElseThrow().get("status").getAsString();
    }

    @Test
    void replacementRunsToTheEndAcrossInvocations() {
        oldTaskSet("PRIMARY", "ENABLED");

        JsonObject first = remediate();
        assertEquals("IN_PROGRESS", outcome(first), reason(first));
        assertEquals(List.of("ecs:CreateTaskSet"), actionCalls(first));
        String replacementArn = replacement().get("taskSetArn").getAsString();
        assertEquals(replacementArn, first.get("replacementTaskSetArn").getAsString());
        assertEquals(OLD_ARN, first.get("resourceArn").getAsString());
        assertEquals("PRIMARY", status(OLD_ARN), "the old task set is untouched while the replacement starts");

        JsonObject waiting = remediate();
        assertEquals("IN_PROGRESS", outcome(waiting), reason(waiting));
        assertTrue(reason(waiting).contains("running 0 of 2 tasks"), reason(waiting));
        assertEquals(List.of(), actionCalls(waiting));

        harness.ecs.markSteady(replacementArn);
        JsonObject done = remediate();
        assertEquals("REMEDIATED", outcome(done), reason(done));
        assertEquals(List.of("ecs:UpdateServicePrimaryTaskSet", "ecs:DeleteTaskSet"), actionCalls(done));
        assertEquals("PRIMARY", status(replacementArn));
        assertEquals("DRAINING", status(OLD_ARN));
        assertEquals(List.of("CreateTaskSet", "UpdateServicePrimaryTaskSet", "DeleteTaskSet"), harness.ecsWrites());
        JsonObject delete = harness.ecsCalls("DeleteTaskSet").get(0).body();
        assertEquals(OLD_ARN, delete.get("taskSet").getAsString());
        assertTrue(delete.get("force").getAsBoolean());
        assertEquals(
                replacementArn,
                harness.ecsCalls("UpdateServicePrimaryTaskSet")
                        .get(0)
                        .body()
                        .get("primaryTaskSet")
                        .getAsString());

        JsonObject whileDraining = remediate();
        harness.ecs.finishDraining(OLD_ARN);
        JsonObject afterDraining = remediate();
        for (JsonObject again : List.of(whileDraining, afterDraining)) {
            assertEquals("REMEDIATED", outcome(again), reason(again));
            assertEquals(List.of(), actionCalls(again));
            assertEquals(replacementArn, again.get("replacementTaskSetArn").getAsString());
        }
        assertEquals(3, harness.ecsWrites().size(), "reruns after the end change nothing");
    }

    @Test
    void theReplacementCopiesEverythingButThePublicIp() {
        oldTaskSet("PRIMARY", "ENABLED");

        remediate();

        JsonObject create = harness.ecsCalls("CreateTaskSet").get(0).body();
        String token = create.remove("clientToken").getAsString();
        assertEquals(36, token.length());
        assertEquals(JsonParser.parseString("""
                {"cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                 "service": "arn:aws:ecs:us-east-1:123456789012:service/prod/canary",
                 "externalId": "canary-2026-11-20",
                 "taskDefinition": "arn:aws:ecs:us-east-1:123456789012:task-definition/canary:7",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"],
                   "securityGroups": ["sg-0a1b2c3d4e5f60718"], "assignPublicIp": "DISABLED"}},
                 "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/canary/1f0e5b2c3a4d5e6f",
                   "containerName": "canary", "containerPort": 8080}],
                 "serviceRegistries": [{"registryArn": "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-utofzdkbkmfkvnl7", "port": 8080}],
                 "launchType": "FARGATE",
                 "platformVersion": "1.4.0",
                 "scale": {"value": 100.0, "unit": "PERCENT"},
                 "tags": [{"key": "team", "value": "payments"},
                          {"key": "ecs-public-ip-rule:replaces", "value": "ecs-svc/7345869273412391028"}]}
                """), create);
    }

    @Test
    void aCapacityProviderStrategyIsCopiedInsteadOfALaunchType() {
        JsonObject old = EcsStandIn.taskSetJson("prod", "canary", OLD_ID, "ACTIVE");
        old.remove("launchType");
        old.add(
                "capacityProviderStrategy",
                JsonParser.parseString(
                        "[{\"capacityProvider\": \"FARGATE_SPOT\", \"weight\": 3, \"base\": 1}, {\"capacityProvider\": \"FARGATE\", \"weight\": 1}]"));
        old.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of()));
        harness.ecs.addTaskSet(old);

        remediate();

        JsonObject create = harness.ecsCalls("CreateTaskSet").get(0).body();
        assertFalse(create.has("launchType"));
        assertEquals(old.get("capacityProviderStrategy"), create.get("capacityProviderStrategy"));
        assertFalse(create.getAsJsonObject("networkConfiguration")
                .getAsJsonObject("awsvpcConfiguration")
                .has("securityGroups"));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundAgainNotRepeated() {
        oldTaskSet("PRIMARY", "ENABLED");
        harness.ecs.loseNextAnswer("CreateTaskSet", 400, "AccessDeniedException");

        assertThrows(AccessDeniedException.class, this::remediate);
        JsonObject rerun = remediate();

        assertEquals("IN_PROGRESS", outcome(rerun), reason(rerun));
        assertEquals(List.of(), actionCalls(rerun));
        assertEquals(1, harness.ecsCalls("CreateTaskSet").size());
        replacement();
    }

    @Test
    void aRetriedCreateReturnsTheSameTaskSetThanksToTheClientToken() {
        oldTaskSet("PRIMARY", "ENABLED");
        // A server error after ECS acted: the SDK retries with the same client token.
        harness.ecs.loseNextAnswer("CreateTaskSet", 500, "ServerException");

        JsonObject result = remediate();

        assertEquals("IN_PROGRESS", outcome(result), reason(result));
        List<String> tokens = harness.ecsCalls("CreateTaskSet").stream()
                .map(call -> call.body().get("clientToken").getAsString())
                .toList();
        assertEquals(2, tokens.size());
        assertEquals(tokens.get(0), tokens.get(1));
        assertEquals(
                replacement().get("taskSetArn").getAsString(),
                result.get("replacementTaskSetArn").getAsString());
    }

    @Test
    void afterThePrimarySwitchARerunOnlyDeletesTheOldTaskSet() {
        oldTaskSet("PRIMARY", "ENABLED");
        remediate();
        String replacementArn = replacement().get("taskSetArn").getAsString();
        harness.ecs.markSteady(replacementArn);
        harness.ecs.once("DeleteTaskSet", call -> Reply.error(400, "AccessDeniedException", "not allowed"));

        assertThrows(AccessDeniedException.class, this::remediate);
        assertEquals("PRIMARY", status(replacementArn));
        assertEquals("ACTIVE", status(OLD_ARN), "still there: the failed delete left it serving");

        JsonObject rerun = remediate();

        assertEquals("REMEDIATED", outcome(rerun), reason(rerun));
        assertEquals(List.of("ecs:DeleteTaskSet"), actionCalls(rerun));
        assertEquals(1, harness.ecsCalls("UpdateServicePrimaryTaskSet").size());
        assertEquals("DRAINING", status(OLD_ARN));
    }

    @Test
    void aNonPrimaryTaskSetIsReplacedWithoutTouchingThePrimary() {
        oldTaskSet("ACTIVE", "ENABLED");
        JsonObject primary = EcsStandIn.taskSetJson("prod", "canary", "ecs-svc/1111111111111111111", "PRIMARY");
        primary.add("networkConfiguration", EcsStandIn.awsvpc("DISABLED", List.of("subnet-a"), List.of()));
        harness.ecs.addTaskSet(primary);
        remediate();
        harness.ecs.markSteady(replacement().get("taskSetArn").getAsString());

        JsonObject done = remediate();

        assertEquals("REMEDIATED", outcome(done), reason(done));
        assertEquals(List.of("ecs:DeleteTaskSet"), actionCalls(done));
        assertEquals("PRIMARY", status(primary.get("taskSetArn").getAsString()));
    }

    @Test
    void theOldTaskSetIsNeverDeletedBeforeTheReplacementIsSteady() {
        oldTaskSet("PRIMARY", "ENABLED");
        for (int i = 0; i < 4; i++) {
            assertEquals("IN_PROGRESS", outcome(remediate()));
            harness.clock.advance(Duration.ofMinutes(10));
        }
        assertEquals(List.of("CreateTaskSet"), harness.ecsWrites());
        assertEquals("PRIMARY", status(OLD_ARN));
    }

    @Test
    void aReplacementThatNeverSettlesStopsTheWaitAndLeavesTheOldOneServing() {
        oldTaskSet("PRIMARY", "ENABLED");
        remediate();
        harness.clock.advance(TaskSetReplacement.MAX_STABILIZING.plusMinutes(1));

        JsonObject result = remediate();

        assertEquals("REFUSED", outcome(result));
        assertTrue(
                reason(result).contains("has not reached STEADY_STATE 91 minutes after its creation"), reason(result));
        assertEquals(List.of("CreateTaskSet"), harness.ecsWrites());
        assertEquals("PRIMARY", status(OLD_ARN));
        assertEquals(1, replacements().size(), "the replacement is left for inspection");
    }

    @Test
    void aDryRunAfterTheWaitRanOutRefusesAsARealRunWould() {
        oldTaskSet("PRIMARY", "ENABLED");
        remediate();
        harness.clock.advance(TaskSetReplacement.MAX_STABILIZING.plusMinutes(1));

        JsonObject result = harness.remediate(TYPE, CONFIG_ID, true, false);

        assertEquals("REFUSED", outcome(result), reason(result));
        assertTrue(reason(result).contains("has not reached STEADY_STATE"), reason(result));
        assertEquals(List.of("CreateTaskSet"), harness.ecsWrites());
    }

    @Test
    void alreadyPrivateTaskSetIsLeftAlone() {
        oldTaskSet("PRIMARY", "DISABLED");

        JsonObject result = remediate();

        harness.assertNothingChanged(result, "ALREADY_COMPLIANT");
        assertEquals(List.of(), harness.ec2.calls());
    }

    @Test
    void codeDeployTaskSetIsRefusedWithTheCodeDeployGuidance() {
        harness.ecs.addService(EcsStandIn.serviceJson("prod", "canary", "CODE_DEPLOY"));
        JsonObject old = oldTaskSet("PRIMARY", "ENABLED");
        old.addProperty("startedBy", "CODE_DEPLOY");
        harness.ecs.addTaskSet(old);

        JsonObject result = remediate();

        harness.assertNothingChanged(result, "REFUSED", "CodeDeploy deployment", "AppSpec");
    }

    @Test
    void taskSetStartedByCodeDeployIsRefusedEvenUnderAnExternalController() {
        JsonObject old = oldTaskSet("PRIMARY", "ENABLED");
        old.addProperty("startedBy", "CODE_DEPLOY");
        harness.ecs.addTaskSet(old);

        assertEquals("REFUSED", outcome(remediate()));
        assertEquals(List.of(), harness.ecsWrites());
    }

    @Test
    void egressLossIsRefusedBeforeAnythingIsCreated() {
        harness.ec2.routeTable(
                "rtb-public",
                Harness.VPC,
                false,
                List.of("subnet-a", "subnet-b"),
                Ec2StandIn.Route.internetGateway("igw-1"));
        oldTaskSet("PRIMARY", "ENABLED");

        JsonObject refused = harness.remediate(TYPE, OLD_ARN);
        assertEquals("REFUSED", outcome(refused));
        assertTrue(
                reason(refused).contains("subnet-a (rtb-public)")
                        && reason(refused).contains("subnet-b (rtb-public)"),
                reason(refused));
        // The function is the runbook's: it names the runbook's parameter.
        assertTrue(reason(refused).contains("rerun with AllowEgressLoss true to accept the loss"), reason(refused));
        assertEquals(List.of(), harness.ecsWrites());

        JsonObject allowed = harness.remediate(TYPE, OLD_ARN, false, true);
        assertEquals("IN_PROGRESS", outcome(allowed), reason(allowed));
        assertTrue(reason(allowed).contains("AllowEgressLoss is true"), reason(allowed));
        assertEquals(List.of("CreateTaskSet"), harness.ecsWrites());
    }

    @Test
    void dryRunPlansTheWholeReplacementAndChangesNothing() {
        oldTaskSet("PRIMARY", "ENABLED");

        JsonObject result = harness.remediate(TYPE, CONFIG_ID, true, false);

        assertEquals("PLANNED", outcome(result), reason(result));
        assertEquals(
                List.of(
                        "ecs:CreateTaskSet",
                        "ecs:DescribeTaskSets",
                        "ecs:UpdateServicePrimaryTaskSet",
                        "ecs:DeleteTaskSet"),
                actionCalls(result));
        assertEquals(List.of(), harness.ecsWrites());
        assertEquals(List.of(), replacements());
    }

    @Test
    void dryRunDuringAReplacementPlansTheRemainingSteps() {
        oldTaskSet("PRIMARY", "ENABLED");
        remediate();

        JsonObject result = harness.remediate(TYPE, CONFIG_ID, true, false);

        assertEquals("PLANNED", outcome(result), reason(result));
        assertEquals(
                List.of("ecs:DescribeTaskSets", "ecs:UpdateServicePrimaryTaskSet", "ecs:DeleteTaskSet"),
                actionCalls(result));
        assertEquals(List.of("CreateTaskSet"), harness.ecsWrites());
    }

    @Test
    void tooLittleTimeLeftCreatesNothing() {
        oldTaskSet("PRIMARY", "ENABLED");

        JsonObject result =
                harness.invoke(Harness.event(TYPE, CONFIG_ID, false, false).toString(), new TestContext(5_000));

        harness.assertNothingChanged(result, "IN_PROGRESS");
    }

    @Test
    void taskSetOfAnEcsControlledServiceIsRefused() {
        harness.ecs.addService(EcsStandIn.serviceJson("prod", "canary", "ECS"));

        JsonObject result = harness.remediate(TYPE, OLD_ARN);

        assertEquals("REFUSED", outcome(result));
        assertTrue(reason(result).contains("remediate the service (AWS::ECS::Service) instead"), reason(result));
        assertEquals(List.of(), harness.ecsCalls("DescribeTaskSets"));
    }

    @Test
    void aTaskSetThatIsGoneWithoutAReplacementIsRefused() {
        JsonObject result = remediate();

        assertEquals("REFUSED", outcome(result));
        assertTrue(reason(result).contains("no longer exists; there is nothing to replace"), reason(result));
    }

    @Test
    void twoTaskSetsClaimingToReplaceItAreRefused() {
        oldTaskSet("PRIMARY", "ENABLED");
        for (String id : List.of("ecs-svc/2222222222222222222", "ecs-svc/3333333333333333333")) {
            JsonObject copy = EcsStandIn.taskSetJson("prod", "canary", id, "ACTIVE");
            copy.add("tags", EcsStandIn.tags(TaskSetReplacement.MARKER_TAG, OLD_ID));
            harness.ecs.addTaskSet(copy);
        }

        JsonObject result = remediate();

        harness.assertNothingChanged(result, "REFUSED");
    }

    @Test
    void aReplacementBeingDeletedIsNotReplacedBehindItsBack() {
        oldTaskSet("PRIMARY", "ENABLED");
        JsonObject draining = EcsStandIn.taskSetJson("prod", "canary", "ecs-svc/2222222222222222222", "DRAINING");
        draining.add("tags", EcsStandIn.tags(TaskSetReplacement.MARKER_TAG, OLD_ID));
        harness.ecs.addTaskSet(draining);

        JsonObject result = remediate();

        harness.assertNothingChanged(result, "REFUSED", "is being deleted");
    }

    @Test
    void tagsBeyondTheLimitAreRefusedBeforeCreating() {
        JsonObject old = oldTaskSet("PRIMARY", "ENABLED");
        JsonArray tags = new JsonArray();
        for (int i = 0; i < TaskSetReplacement.MAX_TAGS; i++) {
            tags.addAll(EcsStandIn.tags("key" + i, "value"));
        }
        old.add("tags", tags);
        harness.ecs.addTaskSet(old);

        JsonObject result = remediate();

        harness.assertNothingChanged(result, "REFUSED");
    }

    @Test
    void aReplacementSteadyInCreatesAnswerIsFinishedOnlyAfterALaterDescribe() {
        oldTaskSet("PRIMARY", "ENABLED");
        harness.ecs.settleAfterDescribes(0);

        JsonObject first = remediate();

        assertEquals("IN_PROGRESS", outcome(first), reason(first));
        assertEquals(List.of("CreateTaskSet"), harness.ecsWrites(), "nothing after the create in the same invocation");
        assertEquals("PRIMARY", status(OLD_ARN));
        int describesBefore = harness.ecsCalls("DescribeTaskSets").size();

        JsonObject second = remediate();

        assertEquals("REMEDIATED", outcome(second), reason(second));
        assertTrue(harness.ecsCalls("DescribeTaskSets").size() > describesBefore);
        assertEquals(List.of("CreateTaskSet", "UpdateServicePrimaryTaskSet", "DeleteTaskSet"), harness.ecsWrites());
    }

    @Test
    void aReplacementThatSettlesOnALaterDescribeIsWaitedFor() {
        oldTaskSet("PRIMARY", "ENABLED");
        harness.ecs.settleAfterDescribes(2);

        assertEquals("IN_PROGRESS", outcome(remediate()));
        JsonObject notYet = remediate();
        assertEquals("IN_PROGRESS", outcome(notYet), reason(notYet));
        assertEquals(List.of("CreateTaskSet"), harness.ecsWrites());
        JsonObject done = remediate();

        assertEquals("REMEDIATED", outcome(done), reason(done));
    }

    @Test
    void aSteadyReplacementWithoutRunningTasksIsWaitedForWhileTheOldOneRunsTasks() {
        oldTaskSet("PRIMARY", "ENABLED");
        remediate();
        String replacementArn = replacement().get("taskSetArn").getAsString();
        harness.ecs.reportStability(replacementArn, "STEADY_STATE", 0);

        JsonObject empty = remediate();

        assertEquals("IN_PROGRESS", outcome(empty), reason(empty));
        assertEquals(List.of("CreateTaskSet"), harness.ecsWrites());
        harness.ecs.markSteady(replacementArn);
        assertEquals("REMEDIATED", outcome(remediate()));
    }

    @Test
    void aReplacementDeletedSinceIsNotReplayedByItsClientToken() {
        oldTaskSet("PRIMARY", "ENABLED");
        remediate();
        String deleted = replacement().get("taskSetArn").getAsString();
        // Someone deleted the first replacement; the old task set is still public.
        harness.ecs.finishDraining(deleted);

        JsonObject again = remediate();

        assertEquals("IN_PROGRESS", outcome(again), reason(again));
        String fresh = replacement().get("taskSetArn").getAsString();
        assertFalse(fresh.equals(deleted), "a new replacement, not the deleted one");
        assertEquals(fresh, again.get("replacementTaskSetArn").getAsString());
        List<String> tokens = harness.ecsCalls("CreateTaskSet").stream()
                .map(call -> call.body().get("clientToken").getAsString())
                .toList();
        assertEquals(3, tokens.size());
        assertEquals(tokens.get(0), tokens.get(1), "the first token replayed the deleted replacement");
        assertFalse(tokens.get(1).equals(tokens.get(2)));

        JsonObject rerun = remediate();
        assertEquals("IN_PROGRESS", outcome(rerun), reason(rerun));
        assertEquals(3, harness.ecsCalls("CreateTaskSet").size(), "the rerun finds the fresh one by its tag");
        harness.ecs.markSteady(fresh);
        assertEquals("REMEDIATED", outcome(remediate()));
        assertEquals("PRIMARY", status(fresh));
    }

    @Test
    void whenEveryDerivedTokenLeadsToADeletedReplacementNothingIsCreatedAndTheRefusalSaysWhatToDo() {
        oldTaskSet("PRIMARY", "ENABLED");
        for (int i = 0; i < TaskSetReplacement.MAX_TOKEN_GENERATIONS; i++) {
            assertEquals("IN_PROGRESS", outcome(remediate()));
            harness.ecs.finishDraining(replacement().get("taskSetArn").getAsString());
        }
        int creates = harness.ecsCalls("CreateTaskSet").size();

        JsonObject result = remediate();

        assertEquals("REFUSED", outcome(result), reason(result));
        assertTrue(
                reason(result).contains("replacement that has been deleted since; nothing was created"),
                reason(result));
        assertEquals(List.of(), replacements(), "no live replacement");
        assertEquals(
                creates + TaskSetReplacement.MAX_TOKEN_GENERATIONS,
                harness.ecsCalls("CreateTaskSet").size());
        assertEquals("PRIMARY", status(OLD_ARN));
    }
}
