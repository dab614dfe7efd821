package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ec2.Ec2StandIn.Route;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The egress pre-flight against a loopback EC2 (query protocol), through the real SDK client. */
class EgressCheckTest {
    private static final String VPC = "vpc-1";
    private static final String REGION = "us-east-1";
    /** One container pulling from this region's ECR, and nothing else. */
    private static final TaskNeeds ECR_IMAGE = new TaskNeeds(List.of(new TaskNeeds.Need(
            "app",
            "pulling image " + EcsStandIn.ecrImage("app") + " from ECR",
            List.of(TaskNeeds.ECR_API, TaskNeeds.ECR_DKR, TaskNeeds.S3))));

    private final Ec2StandIn ec2 = new Ec2StandIn();
    private final Ec2Client client = ec2.client(AwsClients::configure);
    private final EgressCheck check = new EgressCheck(() -> client);
    private final EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
    private final EcsClient ecsClient = ecs.client(AwsClients::configure);
    private int revision;

    @AfterEach
    void tearDown() {
        ec2.assertNoViolations();
        ecs.assertNoViolations();
        client.close();
        ec2.close();
        ecsClient.close();
        ecs.close();
    }

    private Ec2StandIn igwOnlyMainTable() {
        return ec2.subnet("subnet-a", VPC)
                .subnet("subnet-b", VPC)
                .routeTable(
                        "rtb-main", VPC, true, List.of(), Route.local("10.0.0.0/16"), Route.internetGateway("igw-1"));
    }

    private void allEndpoints(String... s3RouteTables) {
        ec2.vpcEndpoint("vpce-api", VPC, "com.amazonaws.us-east-1.ecr.api", "Interface", true)
                .vpcEndpoint("vpce-dkr", VPC, "com.amazonaws.us-east-1.ecr.dkr", "Interface", true)
                .vpcEndpoint("vpce-s3", VPC, "com.amazonaws.us-east-1.s3", "Gateway", false, s3RouteTables);
    }

    @Test
    void natGatewayDefaultRouteInTheMainTableKeepsEgress() {
        ec2.subnet("subnet-a", VPC)
                .routeTable("rtb-main", VPC, true, List.of(), Route.local("10.0.0.0/16"), Route.natGateway("nat-1"));

        EgressReport report = check.check(List.of("subnet-a"), REGION, ECR_IMAGE);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(List.of("subnet-a via NAT gateway nat-1 (rtb-main, the VPC's main route table)"), report.passed());
        assertEquals(List.of(), ec2.calls("DescribeVpcEndpoints"), "endpoints are not read when routes suffice");
    }

    @Test
    void internetGatewayOnlyIsRefusedNamingEverySubnetAndWhatIsMissing() {
        igwOnlyMainTable();

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION, ECR_IMAGE);

        assertFalse(report.ok());
        assertEquals(2, report.problems().size());
        String first = report.problems().get(0);
        assertTrue(
                first.startsWith("subnet-a (rtb-main, the VPC's main route table): the default route goes to igw-1,"
                        + " an internet gateway, which needs a public IP"),
                first);
        assertTrue(
                first.contains("container 'app' would lose pulling image " + EcsStandIn.ecrImage("app") + " from ECR")
                        && first.contains("an interface endpoint for com.amazonaws.us-east-1.ecr.api")
                        && first.contains("an interface endpoint for com.amazonaws.us-east-1.ecr.dkr")
                        && first.contains("a gateway endpoint for com.amazonaws.us-east-1.s3"),
                first);
        assertTrue(
                report.problems().get(1).startsWith("subnet-b "),
                report.problems().get(1));
    }

    @Test
    void aSubnetsExplicitAssociationOverridesTheMainTable() {
        ec2.subnet("subnet-a", VPC)
                .subnet("subnet-b", VPC)
                .routeTable("rtb-main", VPC, true, List.of(), Route.natGateway("nat-1"))
                .routeTable("rtb-public", VPC, false, List.of("subnet-b"), Route.internetGateway("igw-1"));

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION, ECR_IMAGE);

        assertEquals(List.of("subnet-a via NAT gateway nat-1 (rtb-main, the VPC's main route table)"), report.passed());
        assertEquals(1, report.problems().size());
        assertTrue(
                report.problems().get(0).startsWith("subnet-b (rtb-public): the default route goes to igw-1"),
                report.problems().get(0));
    }

    @Test
    void explicitlyAssociatedNatTableKeepsEgressEvenWhenTheMainTableHasNone() {
        ec2.subnet("subnet-a", VPC)
                .routeTable("rtb-main", VPC, true, List.of(), Route.internetGateway("igw-1"))
                .routeTable("rtb-private", VPC, false, List.of("subnet-a"), Route.natGateway("nat-1"));

        assertEquals(
                List.of("subnet-a via NAT gateway nat-1 (rtb-private)"),
                check.check(List.of("subnet-a"), REGION, ECR_IMAGE).passed());
    }

    @Test
    void transitGatewayAndNatInstanceRoutesCount() {
        ec2.subnet("subnet-a", VPC)
                .subnet("subnet-b", VPC)
                .routeTable("rtb-tgw", VPC, false, List.of("subnet-a"), Route.transitGateway("tgw-1"))
                .routeTable("rtb-nat-instance", VPC, false, List.of("subnet-b"), Route.networkInterface("eni-1"));

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION, ECR_IMAGE);

        assertEquals(
                List.of(
                        "subnet-a via transit gateway tgw-1 (rtb-tgw)",
                        "subnet-b via NAT instance network interface eni-1 (rtb-nat-instance)"),
                report.passed());
    }

    @Test
    void aBlackholedNatRouteDoesNotCount() {
        ec2.subnet("subnet-a", VPC)
                .routeTable("rtb-main", VPC, true, List.of(), Route.blackholeNatGateway("nat-deleted"));

        EgressReport report = check.check(List.of("subnet-a"), REGION, ECR_IMAGE);

        assertFalse(report.ok());
        assertTrue(
                report.problems().get(0).contains("the default route to nat-deleted is blackhole"),
                report.problems().get(0));
    }

    @Test
    void ecrInterfaceEndpointsWithAnS3GatewayEndpointOnTheRouteTableKeepEgress() {
        igwOnlyMainTable();
        allEndpoints("rtb-main");

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION, ECR_IMAGE);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(
                "subnet-a via the VPC endpoints for ecr.api, ecr.dkr, s3 (rtb-main, the VPC's main route table)",
                report.passed().get(0));
        assertEquals(1, ec2.calls("DescribeVpcEndpoints").size(), "one VPC's endpoints are read once");
    }

    @Test
    void eachMissingEndpointIsNamed() {
        igwOnlyMainTable();
        ec2.vpcEndpoint("vpce-api", VPC, "com.amazonaws.us-east-1.ecr.api", "Interface", true)
                .vpcEndpoint("vpce-dkr", VPC, "com.amazonaws.us-east-1.ecr.dkr", "Interface", false)
                .vpcEndpoint("vpce-s3", VPC, "com.amazonaws.us-east-1.s3", "Gateway", false, "rtb-other");

        String problem =
                check.check(List.of("subnet-a"), REGION, ECR_IMAGE).problems().get(0);

        assertTrue(
                problem.endsWith("(the VPC lacks private DNS on its ecr.dkr interface endpoint vpce-dkr,"
                        + " route table rtb-main on its S3 gateway endpoint vpce-s3)"),
                problem);
    }

    @Test
    void endpointsThatAreNotAvailableOrInAnotherRegionDoNotCount() {
        igwOnlyMainTable();
        ec2.vpcEndpoint("vpce-api", VPC, "com.amazonaws.us-east-1.ecr.api", "Interface", "pending", true)
                .vpcEndpoint("vpce-dkr", VPC, "com.amazonaws.eu-west-1.ecr.dkr", "Interface", true)
                .vpcEndpoint("vpce-s3", VPC, "com.amazonaws.us-east-1.s3", "Gateway", false, "rtb-main");

        String problem =
                check.check(List.of("subnet-a"), REGION, ECR_IMAGE).problems().get(0);

        assertTrue(
                problem.endsWith("(the VPC lacks an interface endpoint for com.amazonaws.us-east-1.ecr.api,"
                        + " an interface endpoint for com.amazonaws.us-east-1.ecr.dkr)"),
                problem);
    }

    @Test
    void everyPageIsRead() {
        ec2.pageSize(1)
                .subnet("subnet-a", VPC)
                .subnet("subnet-b", VPC)
                .routeTable("rtb-1", "vpc-other", true, List.of(), Route.natGateway("nat-other"))
                .routeTable("rtb-2", VPC, false, List.of(), Route.natGateway("nat-unused"))
                .routeTable("rtb-main", VPC, true, List.of(), Route.internetGateway("igw-1"))
                .vpcEndpoint("vpce-x", VPC, "com.amazonaws.us-east-1.sqs", "Interface", true);
        allEndpoints("rtb-main");

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION, ECR_IMAGE);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(2, ec2.calls("DescribeSubnets").size());
        assertEquals(2, ec2.calls("DescribeRouteTables").size(), "two route tables of the VPC, one per page");
        assertEquals(4, ec2.calls("DescribeVpcEndpoints").size());
        assertEquals("vpc-id", ec2.calls("DescribeRouteTables").get(0).params().get("Filter.1.Name"));
        assertEquals(VPC, ec2.calls("DescribeRouteTables").get(0).params().get("Filter.1.Value.1"));
    }

    @Test
    void aSubnetEc2DoesNotKnowIsAProblemNotACrash() {
        ec2.subnet("subnet-a", VPC);

        EgressReport report = check.check(List.of("subnet-a", "subnet-gone"), REGION, ECR_IMAGE);

        assertEquals(List.of("The ID 'subnet-gone' does not exist"), report.problems());
    }

    /** What a task definition with these containers needs, as DescribeTaskDefinition returns it. */
    private TaskNeeds needs(JsonObject... containers) {
        String arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/app:" + (++revision);
        ecs.addTaskDefinition(EcsStandIn.taskDefinitionJson(arn, containers));
        TaskDefinition definition = ecsClient
                .describeTaskDefinition(request -> request.taskDefinition(arn))
                .taskDefinition();
        return TaskNeeds.of(definition, REGION);
    }

    @Test
    void aDockerHubImageNeedsTheRouteEvenWithEveryEcrEndpoint() {
        igwOnlyMainTable();
        allEndpoints("rtb-main");
        TaskNeeds needs = needs(
                EcsStandIn.container("web", "nginx:1.27"),
                EcsStandIn.container("sidecar", EcsStandIn.ecrImage("sidecar")));

        EgressReport report = check.check(List.of("subnet-a"), REGION, needs);

        assertFalse(report.ok());
        String problem = report.problems().get(0);
        assertTrue(
                problem.contains("container 'web' would lose pulling image nginx:1.27 from Docker Hub (only a NAT"
                        + " or transit gateway route serves it)"),
                problem);
        assertFalse(problem.contains("'sidecar'"), "the ECR image is served by the endpoints: " + problem);
    }

    @Test
    void otherRegistriesAndEcrPublicAreNamed() {
        igwOnlyMainTable();
        allEndpoints("rtb-main");
        TaskNeeds needs = needs(
                EcsStandIn.container("a", "ghcr.io/acme/app:2"),
                EcsStandIn.container("b", "public.ecr.aws/nginx/nginx:stable"),
                EcsStandIn.container("c", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1"));

        String problem =
                check.check(List.of("subnet-a"), REGION, needs).problems().get(0);

        assertTrue(problem.contains("container 'a' would lose pulling image ghcr.io/acme/app:2 from ghcr.io"), problem);
        assertTrue(
                problem.contains("container 'b' would lose pulling image public.ecr.aws/nginx/nginx:stable from ECR"
                        + " Public (public.ecr.aws)"),
                problem);
        assertTrue(
                problem.contains("container 'c' would lose pulling image"
                        + " 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1 from ECR in eu-west-1"),
                problem);
    }

    @Test
    void awslogsAndSecretsNeedTheirEndpointsOrTheRoute() {
        igwOnlyMainTable();
        allEndpoints("rtb-main");
        JsonObject app = EcsStandIn.container("app", EcsStandIn.ecrImage("app"));
        app.add("logConfiguration", JsonParser.parseString("""
                {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/app", "awslogs-region": "us-east-1"}}"""));
        app.add("secrets", JsonParser.parseString("""
                [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"},
                 {"name": "API_KEY", "valueFrom": "/prod/api-key"}]"""));

        String problem =
                check.check(List.of("subnet-a"), REGION, needs(app)).problems().get(0);

        assertTrue(
                problem.contains("container 'app' would lose sending its logs to CloudWatch Logs (awslogs) (the VPC"
                        + " lacks an interface endpoint for com.amazonaws.us-east-1.logs)"),
                problem);
        assertTrue(
                problem.contains("container 'app' would lose reading secret DB_PASSWORD from Secrets Manager (the VPC"
                        + " lacks an interface endpoint for com.amazonaws.us-east-1.secretsmanager)"),
                problem);
        assertTrue(
                problem.contains("container 'app' would lose reading secret API_KEY from SSM Parameter Store (the VPC"
                        + " lacks an interface endpoint for com.amazonaws.us-east-1.ssm)"),
                problem);
        assertFalse(problem.contains("pulling image"), problem);

        ec2.vpcEndpoint("vpce-logs", VPC, "com.amazonaws.us-east-1.logs", "Interface", true)
                .vpcEndpoint("vpce-sm", VPC, "com.amazonaws.us-east-1.secretsmanager", "Interface", true)
                .vpcEndpoint("vpce-ssm", VPC, "com.amazonaws.us-east-1.ssm", "Interface", true);
        EgressReport withEndpoints = new EgressCheck(() -> client).check(List.of("subnet-a"), REGION, needs(app));
        assertTrue(withEndpoints.ok(), withEndpoints.problems().toString());
        assertEquals(
                "subnet-a via the VPC endpoints for ecr.api, ecr.dkr, s3, logs, secretsmanager, ssm"
                        + " (rtb-main, the VPC's main route table)",
                withEndpoints.passed().get(0));
    }

    @Test
    void aNatRouteServesEveryNeedWithoutReadingEndpoints() {
        ec2.subnet("subnet-a", VPC).routeTable("rtb-main", VPC, true, List.of(), Route.natGateway("nat-1"));
        JsonObject app = EcsStandIn.container("app", "nginx:1.27");
        app.add("logConfiguration", JsonParser.parseString("{\"logDriver\": \"awslogs\"}"));

        assertTrue(check.check(List.of("subnet-a"), REGION, needs(app)).ok());
        assertEquals(List.of(), ec2.calls("DescribeVpcEndpoints"));
    }
}
