package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.process.MotoServer;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;

/**
 * A multi-region {@code scan} in a fresh JVM against moto's server (a stand-in of AWS written by others,
 * not by this project): one region holds a service with public IPs, the other is one moto cannot serve
 * (it answers 500), so the scan reports the first, names the second, and fails with exit 4. Skipped where
 * {@code moto_server} is not installed.
 */
class ScanMotoIT {
    private static final String FAILING = "xx-nowhere-9";

    @Test
    void aRegionThatFailsIsReportedAfterTheOtherAndFailsTheScan() throws Exception {
        assumeTrue(MotoServer.onPath().isPresent(), "moto_server is not on the PATH");
        try (MotoServer moto = MotoServer.start()) {
            String subnet;
            String group;
            try (Ec2Client ec2 = Ec2Client.builder()
                    .endpointOverride(moto.endpoint())
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(StandInClients.TEST_CREDENTIALS)
                    .build()) {
                String vpc = ec2.createVpc(request -> request.cidrBlock("10.0.0.0/16"))
                        .vpc()
                        .vpcId();
                subnet = ec2.createSubnet(request -> request.vpcId(vpc).cidrBlock("10.0.1.0/24"))
                        .subnet()
                        .subnetId();
                group = ec2.createSecurityGroup(
                                request -> request.vpcId(vpc).groupName("web").description("web"))
                        .groupId();
            }
            try (EcsClient ecs = EcsClient.builder()
                    .endpointOverride(moto.endpoint())
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(StandInClients.TEST_CREDENTIALS)
                    .build()) {
                ecs.createCluster(request -> request.clusterName("prod"));
                ecs.registerTaskDefinition(request -> request.family("web")
                        .networkMode(NetworkMode.AWSVPC)
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .cpu("256")
                        .memory("512")
                        .containerDefinitions(container -> container.name("web").image("nginx")));
                ecs.createService(request -> request.cluster("prod")
                        .serviceName("web")
                        .taskDefinition("web")
                        .desiredCount(1)
                        .networkConfiguration(network -> network.awsvpcConfiguration(vpc ->
                                vpc.subnets(subnet).securityGroups(group).assignPublicIp(AssignPublicIp.ENABLED))));
            }

            CliProcess.Result result = CliProcess.run(
                    CliProcess.awsEnvironment(moto.endpoint()),
                    "scan",
                    "--region",
                    "eu-west-1",
                    "--region",
                    FAILING,
                    "--format",
                    "json");

            assertEquals(4, result.exitCode(), result.stderr());
            List<JsonObject> lines = result.stdout()
                    .lines()
                    .map(line -> JsonParser.parseString(line).getAsJsonObject())
                    .toList();
            assertEquals(1, lines.size(), result.stdout());
            assertEquals("eu-west-1", lines.get(0).get("AwsRegion").getAsString());
            assertEquals("NON_COMPLIANT", lines.get(0).get("ComplianceType").getAsString());
            assertTrue(
                    lines.get(0).get("ComplianceResourceId").getAsString().startsWith("arn:aws:ecs:eu-west-1:"),
                    result.stdout());
            // Progress lines may come first on a slow machine.
            List<String> errors = result.stderr()
                    .lines()
                    .filter(line -> !line.startsWith("scan: "))
                    .toList();
            assertEquals(2, errors.size(), result.stderr());
            assertTrue(
                    errors.get(0).startsWith("error: " + FAILING + ": ListClusters (ecs, " + FAILING + ")"),
                    result.stderr());
            assertTrue(
                    errors.get(errors.size() - 1).endsWith("1 region(s) failed, so this is not complete: " + FAILING),
                    result.stderr());
        }
    }
}
