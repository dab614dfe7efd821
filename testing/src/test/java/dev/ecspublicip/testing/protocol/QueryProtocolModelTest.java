package dev.ecspublicip.testing.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The EC2 and STS models check query-protocol requests and XML answers, as the JSON ones are checked. */
class QueryProtocolModelTest {
    private final ApiModel ec2 = ApiModel.load("ec2");
    private final ApiModel sts = ApiModel.load("sts");

    @Test
    void ec2RequestsAreReadByTheModelsParameterNames() {
        assertEquals(
                List.of(),
                ec2.validateQueryInput(Map.of(
                        "Action",
                        "DescribeRouteTables",
                        "Version",
                        "2016-11-15",
                        "Filter.1.Name",
                        "vpc-id",
                        "Filter.1.Value.1",
                        "vpc-1",
                        "MaxResults",
                        "100",
                        "DryRun",
                        "false")));
    }

    @Test
    void ec2RequestsOutsideTheModelAreProblems() {
        List<String> problems = ec2.validateQueryInput(Map.of(
                "Action", "DescribeSubnets", "Version", "2016-11-15", "Filters.1.Name", "vpc-id", "MaxResults", "2"));
        assertTrue(problems.contains("Filters.1.Name: not a parameter of DescribeSubnetsRequest"), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("MaxResults: 2.0 is below the minimum 5")),
                problems.toString());
        assertEquals(
                List.of("unknown Action DescribeInstances"),
                ec2.validateQueryInput(Map.of("Action", "DescribeInstances", "Version", "2016-11-15")));
    }

    @Test
    void ec2AnswersAreReadByTheModelsElementNames() {
        String good = "<DescribeSubnetsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>r</requestId><subnetSet><item><subnetId>subnet-a</subnetId><vpcId>vpc-1</vpcId>"
                + "<availableIpAddressCount>250</availableIpAddressCount><defaultForAz>false</defaultForAz></item>"
                + "</subnetSet></DescribeSubnetsResponse>";
        assertEquals(List.of(), ec2.validateQueryOutput("DescribeSubnets", good));

        String drifted = good.replace("<vpcId>vpc-1</vpcId>", "<VpcId>vpc-1</VpcId>")
                .replace("<defaultForAz>false</defaultForAz>", "<defaultForAz>no</defaultForAz>");
        List<String> problems = ec2.validateQueryOutput("DescribeSubnets", drifted);
        assertTrue(
                problems.contains("DescribeSubnets.subnetSet[0].VpcId: not a member of Subnet"), problems.toString());
        assertTrue(
                problems.contains("DescribeSubnets.subnetSet[0].defaultForAz: 'no' is not a boolean"),
                problems.toString());
    }

    @Test
    void stsRequestsAndAnswersAreCheckedAgainstItsModel() {
        List<String> problems = sts.validateQueryInput(Map.of(
                "Action",
                "AssumeRole",
                "Version",
                "2011-06-15",
                "RoleArn",
                "arn:aws:iam::123456789012:role/r",
                "DurationSeconds",
                "60",
                "Bogus",
                "x"));
        assertTrue(problems.contains("Bogus: not a parameter of AssumeRoleRequest"), problems.toString());
        assertTrue(problems.contains("AssumeRole.RoleSessionName: required"), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.startsWith("AssumeRole.DurationSeconds: 60.0 is below")),
                problems.toString());

        String answer =
                "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA1234567890123456</AccessKeyId>"
                        + "<SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>EXPIRY</Expiration>"
                        + "</Credentials></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                        + "</AssumeRoleResponse>";
        assertEquals(
                List.of(), sts.validateQueryOutput("AssumeRole", answer.replace("EXPIRY", "2026-11-30T03:00:00Z")));
        assertEquals(
                List.of("AssumeRole.Credentials.Expiration: 'soon' is not a timestamp"),
                sts.validateQueryOutput("AssumeRole", answer.replace("EXPIRY", "soon")));
    }

    @Test
    void anAnswerGivenAgainGetsTheProblemsFoundTheFirstTime() {
        String drifted = "<DescribeSubnetsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>r</requestId><subnetSet><item><subnetId>subnet-a</subnetId><VpcId>vpc-1</VpcId>"
                + "</item></subnetSet></DescribeSubnetsResponse>";
        List<String> first = ec2.validateQueryOutput("DescribeSubnets", drifted);

        assertEquals(List.of("DescribeSubnets.subnetSet[0].VpcId: not a member of Subnet"), first);
        assertEquals(first, ec2.validateQueryOutput("DescribeSubnets", drifted));
        assertEquals(
                List.of(),
                ec2.validateQueryOutput("DescribeSubnets", drifted.replace("VpcId>", "vpcId>")),
                "a text differing in one character is checked afresh");
    }
}
