package dev.ecspublicip.remediation;

import static dev.ecspublicip.remediation.Harness.actionCalls;
import static dev.ecspublicip.remediation.Harness.outcome;
import static dev.ecspublicip.remediation.Harness.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Services: UpdateService for the ECS controller, and every reason not to change anything. */
class ServiceRemediationTest {
    static final String TYPE = "AWS::ECS::Service";
    static final String ARN = EcsStandIn.serviceArn("prod", "web");
    /** The id as Config recorded it; the code must echo it, never take it apart. */
    static final String CONFIG_ID = ARN + "|prod";

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

    /** An ECS-controller service whose live state has this assignPublicIp, and Config's (stale) record of it as ENABLED. */
    private void service(String controller, String assignPublicIp) {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", controller);
        service.add(
                "networkConfiguration",
                EcsStandIn.awsvpc(assignPublicIp, List.of("subnet-a", "subnet-b"), List.of("sg-0a1b2c3d4e5f60718")));
        harness.ecs.addService(service);
        recordEnabled(controller);
    }

    private void recordEnabled(String controller) {
        harness.recordInConfig(
                TYPE,
                CONFIG_ID,
                ARN,
                "web",
                JsonParser.parseString("""
                {"Cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                 "DeploymentController": {"Type": "%s"}, "Name": "web", "ServiceName": "web",
                 "ServiceArn": "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
                 "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "ENABLED",
                   "SecurityGroups": ["sg-0a1b2c3d4e5f60718"], "Subnets": ["subnet-a", "subnet-b"]}}}
                """.formatted(controller)).getAsJsonObject());
    }

    @Test
    void publicServiceIsUpdatedKeepingSubnetsAndSecurityGroupsAndNothingElse() {
        service("ECS", "ENABLED");

        JsonObject result = harness.remediate(TYPE, CONFIG_ID);

        assertEquals("REMEDIATED", outcome(result), reason(result));
        assertEquals(TYPE, result.get("resourceType").getAsString());
        assertEquals(CONFIG_ID, result.get("resourceId").getAsString());
        assertEquals(ARN, result.get("resourceArn").getAsString());
        assertEquals(List.of("ecs:UpdateService"), actionCalls(result));
        assertEquals(List.of("UpdateService"), harness.ecsWrites());
        assertEquals(
                JsonParser.parseString("""
                {"cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                 "service": "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"],
                   "securityGroups": ["sg-0a1b2c3d4e5f60718"], "assignPublicIp": "DISABLED"}}}
                """),
                harness.ecsCalls("UpdateService").get(0).body());
        assertEquals(
                "DISABLED",
                harness.ecs
                        .service(ARN)
                        .getAsJsonObject("networkConfiguration")
                        .getAsJsonObject("awsvpcConfiguration")
                        .get("assignPublicIp")
                        .getAsString());
        assertTrue(
                reason(result)
                        .contains(
                                "subnet-a via NAT gateway nat-0123456789abcdef0 (rtb-main, the VPC's main route table)"),
                reason(result));
        JsonObject lookup =
                harness.config.calls("BatchGetResourceConfig").get(0).body();
        assertEquals(
                JsonParser.parseString("{\"resourceKeys\": [{\"resourceType\": \"" + TYPE + "\", \"resourceId\": \""
                        + CONFIG_ID + "\"}]}"),
                lookup);
    }

    @Test
    void rerunAfterRemediationFindsItCompliantAndChangesNothing() {
        service("ECS", "ENABLED");
        harness.remediate(TYPE, CONFIG_ID);
        int ec2Calls = harness.ec2.calls().size();

        JsonObject soon = harness.remediate(TYPE, CONFIG_ID);
        harness.clock.advance(java.time.Duration.ofHours(3));
        JsonObject again = harness.remediate(TYPE, CONFIG_ID);

        assertEquals("REMEDIATED", outcome(soon), "a deployment that started within the wait is the fix");
        assertEquals("ALREADY_COMPLIANT", outcome(again), reason(again));
        assertEquals(List.of("UpdateService"), harness.ecsWrites());
        assertEquals(ec2Calls, harness.ec2.calls().size(), "no egress check when there is nothing to change");
        assertEquals(List.of(), actionCalls(again));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DISABLED", "absent"})
    void liveStateDecidesEvenWhenConfigsRecordIsStale(String assignPublicIp) {
        service("ECS", assignPublicIp.equals("absent") ? null : assignPublicIp);

        JsonObject result = harness.remediate(TYPE, CONFIG_ID);

        harness.assertNothingChanged(result, "ALREADY_COMPLIANT");
        assertEquals(List.of(), harness.ec2.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"INACTIVE", "DRAINING"})
    void serviceThatIsNotActiveIsRefused(String status) {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.addProperty("status", status);
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of()));
        harness.ecs.addService(service);
        recordEnabled("ECS");

        JsonObject result = harness.remediate(TYPE, CONFIG_ID);

        assertEquals("REFUSED", outcome(result));
        assertTrue(reason(result).contains(status + "; only an ACTIVE service can be changed"), reason(result));
        assertEquals(List.of(), harness.ecsWrites());
    }

    @Test
    void codeDeployServiceIsRefusedWithTheCodeDeployGuidance() {
        service("CODE_DEPLOY", "ENABLED");

        JsonObject result = harness.remediate(TYPE, CONFIG_ID);

        harness.assertNothingChanged(
                result, "REFUSED", "new CodeDeploy deployment", "AppSpec", "AssignPublicIp DISABLED");
    }

    @Test
    void externalControllerServiceIsNotApplicableBecauseItsTaskSetsCarryTheNetworking() {
        harness.ecs.addService(EcsStandIn.serviceJson("prod", "web", "EXTERNAL"));
        recordEnabled("EXTERNAL");

        JsonObject result = harness.remediate(TYPE, CONFIG_ID);

        harness.assertNothingChanged(result, "NOT_APPLICABLE", "AWS::ECS::TaskSet");
    }

    @Test
    void serviceWithoutAwsvpcNetworkingIsNotApplicable() {
        harness.ecs.addService(EcsStandIn.serviceJson("prod", "web", "ECS"));
        recordEnabled("ECS");

        JsonObject result = harness.remediate(TYPE, CONFIG_ID);

        harness.assertNothingChanged(result, "NOT_APPLICABLE", "no awsvpc network configuration");
    }

    @Test
    void serviceEcsNoLongerDescribesIsRefused() {
        harness.ecs.addService(EcsStandIn.serviceJson("prod", "other", "ECS"));
        recordEnabled("ECS");

        JsonObject result = harness.remediate(TYPE, CONFIG_ID);

        assertEquals("REFUSED", outcome(result));
        assertTrue(reason(result).contains("MISSING"), reason(result));
    }

    @Test
    void dryRunChecksEverythingAndReturnsThePlannedCallWithoutMakingIt() {
        service("ECS", "ENABLED");

        JsonObject result = harness.remediate(TYPE, CONFIG_ID, true, false);

        assertEquals("PLANNED", outcome(result), reason(result));
        assertTrue(result.get("dryRun").getAsBoolean());
        assertEquals(List.of("ecs:UpdateService"), actionCalls(result));
        assertTrue(result.getAsJsonArray("actions")
                .get(0)
                .getAsJsonObject()
                .get("detail")
                .getAsString()
                .contains("assignPublicIp ENABLED -> DISABLED"));
        assertEquals(List.of(), harness.ecsWrites());
        assertTrue(harness.ec2.calls("DescribeRouteTables").size() > 0, "the dry run checks egress too");
        assertEquals(
                "ENABLED",
                harness.ecs
                        .service(ARN)
                        .getAsJsonObject("networkConfiguration")
                        .getAsJsonObject("awsvpcConfiguration")
                        .get("assignPublicIp")
                        .getAsString());
    }

    @Test
    void manualRunWithAServiceArnGoesStraightToEcs() {
        service("ECS", "ENABLED");

        JsonObject result = harness.remediate(TYPE, ARN);

        assertEquals("REMEDIATED", outcome(result), reason(result));
        assertEquals(ARN, result.get("resourceId").getAsString());
        assertEquals(List.of(), harness.config.calls("BatchGetResourceConfig"));
        assertEquals(
                "prod",
                harness.ecsCalls("DescribeServices")
                        .get(0)
                        .body()
                        .get("cluster")
                        .getAsString());
    }

    @Test
    void olderCamelCaseConfigRecordIsReadToo() {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of()));
        harness.ecs.addService(service);
        harness.recordInConfig(
                TYPE,
                CONFIG_ID,
                ARN,
                "web",
                JsonParser.parseString("{\"cluster\": \"prod\", \"serviceName\": \"web\"}")
                        .getAsJsonObject());

        JsonObject result = harness.remediate(TYPE, CONFIG_ID);

        assertEquals("REMEDIATED", outcome(result), reason(result));
        JsonObject describe = harness.ecsCalls("DescribeServices").get(0).body();
        assertEquals("prod", describe.get("cluster").getAsString());
        assertEquals("web", describe.getAsJsonArray("services").get(0).getAsString());
        assertEquals(
                JsonParser.parseString("""
                {"subnets": ["subnet-a"], "assignPublicIp": "DISABLED"}"""),
                harness.ecsCalls("UpdateService")
                        .get(0)
                        .body()
                        .getAsJsonObject("networkConfiguration")
                        .get("awsvpcConfiguration"),
                "no security groups are invented when the service has none");
    }

    @Test
    void tooLittleTimeLeftStartsNoChange() {
        service("ECS", "ENABLED");

        JsonObject result = harness.invoke(
                Harness.event(TYPE, CONFIG_ID, false, false).toString(),
                new TestContext(Timing.LAMBDA.minMillisForChanges() - 1_000));

        harness.assertNothingChanged(result, "IN_PROGRESS");
    }

    @Test
    void theHandlerLogsTheResult() {
        service("ECS", "ENABLED");
        TestContext context = new TestContext();

        harness.invoke(Harness.event(TYPE, CONFIG_ID, false, false).toString(), context);

        assertTrue(
                context.logLines().stream().anyMatch(line -> line.startsWith("Called ecs:UpdateService on " + ARN)),
                context.logLines().toString());
        assertTrue(
                context.logLines().stream()
                        .anyMatch(line -> line.startsWith("Remediation result {\"outcome\":\"REMEDIATED\"")),
                context.logLines().toString());
    }

    @Test
    void aDockerHubImageInSubnetsWithOnlyEcrEndpointsIsRefusedNamingTheContainer() {
        harness.ec2
                .routeTable(
                        "rtb-public",
                        Harness.VPC,
                        false,
                        List.of("subnet-a", "subnet-b"),
                        Ec2StandIn.Route.internetGateway("igw-1"))
                .vpcEndpoint("vpce-api", Harness.VPC, "com.amazonaws.us-east-1.ecr.api", "Interface", true)
                .vpcEndpoint("vpce-dkr", Harness.VPC, "com.amazonaws.us-east-1.ecr.dkr", "Interface", true)
                .vpcEndpoint("vpce-s3", Harness.VPC, "com.amazonaws.us-east-1.s3", "Gateway", false, "rtb-public");
        String taskDefinition = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3";
        JsonObject proxy = EcsStandIn.container("proxy", "nginx:1.27");
        proxy.add("logConfiguration", JsonParser.parseString("{\"logDriver\": \"awslogs\"}"));
        harness.ecs.addTaskDefinition(EcsStandIn.taskDefinitionJson(
                taskDefinition, EcsStandIn.container("app", EcsStandIn.ecrImage("web")), proxy));
        service("ECS", "ENABLED");

        JsonObject result = harness.remediate(TYPE, CONFIG_ID);

        harness.assertNothingChanged(
                result,
                "REFUSED",
                "container 'proxy' would lose pulling image nginx:1.27 from Docker Hub",
                "container 'proxy' would lose sending its logs to CloudWatch Logs (awslogs)",
                "subnet-a (rtb-public)",
                "subnet-b (rtb-public)");
        assertTrue(!reason(result).contains("container 'app'"), "app's ECR image is served: " + reason(result));
        assertEquals(
                taskDefinition,
                harness.ecsCalls("DescribeTaskDefinition")
                        .get(0)
                        .body()
                        .get("taskDefinition")
                        .getAsString());
    }
}
