package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.Ec2StandIn;
import dev.ecspublicip.testing.Ec2StandIn.Route;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The egress pre-flight against a loopback EC2 (query protocol), through the real SDK client. */
class EgressCheckTest {
    private static final String VPC = "vpc-1";
    private static final String REGION = "us-east-1";

    private final Ec2StandIn ec2 = new Ec2StandIn();
    private final Ec2Client client = ec2.client();
    private final EgressCheck check = new EgressCheck(() -> client);

    @AfterEach
    void tearDown() {
        ec2.assertNoViolations();
        client.close();
        ec2.close();
    }

    private Ec2StandIn igwOnlyMainTable() {
        return ec2.subnet("subnet-a", VPC).subnet("subnet-b", VPC)
                .routeTable("rtb-main", VPC, true, List.of(), Route.local("10.0.0.0/16"), Route.internetGateway("igw-1"));
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

        EgressReport report = check.check(List.of("subnet-a"), REGION);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals(List.of("subnet-a via NAT gateway nat-1 (rtb-main, the VPC's main route table)"), report.passed());
        assertEquals(List.of(), ec2.calls("DescribeVpcEndpoints"), "endpoints are not read when routes suffice");
    }

    @Test
    void internetGatewayOnlyIsRefusedNamingEverySubnetAndWhatIsMissing() {
        igwOnlyMainTable();

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION);

        assertFalse(report.ok());
        assertEquals(2, report.problems().size());
        String first = report.problems().get(0);
        assertTrue(first.startsWith("subnet-a (rtb-main, the VPC's main route table): the default route goes to igw-1,"
                + " an internet gateway, which needs a public IP"), first);
        assertTrue(first.contains("an interface endpoint for com.amazonaws.us-east-1.ecr.api")
                && first.contains("an interface endpoint for com.amazonaws.us-east-1.ecr.dkr")
                && first.contains("a gateway endpoint for com.amazonaws.us-east-1.s3"), first);
        assertTrue(report.problems().get(1).startsWith("subnet-b "), report.problems().get(1));
    }

    @Test
    void aSubnetsExplicitAssociationOverridesTheMainTable() {
        ec2.subnet("subnet-a", VPC).subnet("subnet-b", VPC)
                .routeTable("rtb-main", VPC, true, List.of(), Route.natGateway("nat-1"))
                .routeTable("rtb-public", VPC, false, List.of("subnet-b"), Route.internetGateway("igw-1"));

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION);

        assertEquals(List.of("subnet-a via NAT gateway nat-1 (rtb-main, the VPC's main route table)"), report.passed());
        assertEquals(1, report.problems().size());
        assertTrue(report.problems().get(0).startsWith("subnet-b (rtb-public): the default route goes to igw-1"),
                report.problems().get(0));
    }

    @Test
    void explicitlyAssociatedNatTableKeepsEgressEvenWhenTheMainTableHasNone() {
        ec2.subnet("subnet-a", VPC)
                .routeTable("rtb-main", VPC, true, List.of(), Route.internetGateway("igw-1"))
                .routeTable("rtb-private", VPC, false, List.of("subnet-a"), Route.natGateway("nat-1"));

        assertEquals(List.of("subnet-a via NAT gateway nat-1 (rtb-private)"),
                check.check(List.of("subnet-a"), REGION).passed());
    }

    @Test
    void transitGatewayAndNatInstanceRoutesCount() {
        ec2.subnet("subnet-a", VPC).subnet("subnet-b", VPC)
                .routeTable("rtb-tgw", VPC, false, List.of("subnet-a"), Route.transitGateway("tgw-1"))
                .routeTable("rtb-nat-instance", VPC, false, List.of("subnet-b"), Route.networkInterface("eni-1"));

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION);

        assertEquals(List.of("subnet-a via transit gateway tgw-1 (rtb-tgw)",
                "subnet-b via NAT instance network interface eni-1 (rtb-nat-instance)"), report.passed());
    }

    @Test
    void aBlackholedNatRouteDoesNotCount() {
        ec2.subnet("subnet-a", VPC)
                .routeTable("rtb-main", VPC, true, List.of(), Route.blackholeNatGateway("nat-deleted"));

        EgressReport report = check.check(List.of("subnet-a"), REGION);

        assertFalse(report.ok());
        assertTrue(report.problems().get(0).contains("the default route to nat-deleted is blackhole"),
                report.problems().get(0));
    }

    @Test
    void ecrInterfaceEndpointsWithAnS3GatewayEndpointOnTheRouteTableKeepEgress() {
        igwOnlyMainTable();
        allEndpoints("rtb-main");

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION);

        assertTrue(report.ok(), report.problems().toString());
        assertEquals("subnet-a via the VPC's ECR and S3 endpoints (rtb-main, the VPC's main route table)",
                report.passed().get(0));
        assertEquals(1, ec2.calls("DescribeVpcEndpoints").size(), "one VPC's endpoints are read once");
    }

    @Test
    void eachMissingEndpointIsNamed() {
        igwOnlyMainTable();
        ec2.vpcEndpoint("vpce-api", VPC, "com.amazonaws.us-east-1.ecr.api", "Interface", true)
                .vpcEndpoint("vpce-dkr", VPC, "com.amazonaws.us-east-1.ecr.dkr", "Interface", false)
                .vpcEndpoint("vpce-s3", VPC, "com.amazonaws.us-east-1.s3", "Gateway", false, "rtb-other");

        String problem = check.check(List.of("subnet-a"), REGION).problems().get(0);

        assertTrue(problem.endsWith("and the VPC lacks private DNS on its ecr.dkr interface endpoint vpce-dkr,"
                + " route table rtb-main on its S3 gateway endpoint vpce-s3"), problem);
    }

    @Test
    void endpointsThatAreNotAvailableOrInAnotherRegionDoNotCount() {
        igwOnlyMainTable();
        ec2.vpcEndpoint("vpce-api", VPC, "com.amazonaws.us-east-1.ecr.api", "Interface", "pending", true)
                .vpcEndpoint("vpce-dkr", VPC, "com.amazonaws.eu-west-1.ecr.dkr", "Interface", true)
                .vpcEndpoint("vpce-s3", VPC, "com.amazonaws.us-east-1.s3", "Gateway", false, "rtb-main");

        String problem = check.check(List.of("subnet-a"), REGION).problems().get(0);

        assertTrue(problem.endsWith("and the VPC lacks an interface endpoint for com.amazonaws.us-east-1.ecr.api,"
                + " an interface endpoint for com.amazonaws.us-east-1.ecr.dkr"), problem);
    }

    @Test
    void everyPageIsRead() {
        ec2.pageSize(1).subnet("subnet-a", VPC).subnet("subnet-b", VPC)
                .routeTable("rtb-1", "vpc-other", true, List.of(), Route.natGateway("nat-other"))
                .routeTable("rtb-2", VPC, false, List.of(), Route.natGateway("nat-unused"))
                .routeTable("rtb-main", VPC, true, List.of(), Route.internetGateway("igw-1"))
                .vpcEndpoint("vpce-x", VPC, "com.amazonaws.us-east-1.sqs", "Interface", true);
        allEndpoints("rtb-main");

        EgressReport report = check.check(List.of("subnet-a", "subnet-b"), REGION);

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

        EgressReport report = check.check(List.of("subnet-a", "subnet-gone"), REGION);

        assertEquals(List.of("The ID 'subnet-gone' does not exist"), report.problems());
    }
}
