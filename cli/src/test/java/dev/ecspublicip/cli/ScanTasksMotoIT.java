package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.process.MotoServer;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * {@code scan --tasks} against moto_server, an implementation of ECS and EC2 that is not ours: moto's
 * RunTask creates the task's network interface, and an Elastic IP associated with it gives the task a
 * public address, which the scan reports.
 */
class ScanTasksMotoIT {
    @Test
    void aTaskWhoseInterfaceGetsAnElasticIpIsReportedAndBeforeThatOnlyCounted() throws Exception {
        assumeTrue(MotoServer.onPath().isPresent(), "moto_server is not on the PATH");
        try (MotoServer moto = MotoServer.start();
                Ec2Client ec2 = StandInClients.client(Ec2Client.builder(), AwsClients::configure, moto.endpoint());
                EcsClient ecs = StandInClients.client(EcsClient.builder(), AwsClients::configure, moto.endpoint())) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.3.0.0/16")).vpc().vpcId();
            // moto names a task's interface only in a VPC with DNS host names.
            ec2.modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(v -> v.value(true)));
            String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.3.1.0/24"))
                    .subnet()
                    .subnetId();
            String group = ec2.createSecurityGroup(
                            r -> r.groupName("web").description("web").vpcId(vpc))
                    .groupId();
            ecs.createCluster(r -> r.clusterName("prod"));
            ecs.registerTaskDefinition(r -> r.family("nightly")
                    .networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(
                            c -> c.name("app").image("nginx").memory(512).cpu(256)));
            Task task = ecs.runTask(r -> r.cluster("prod")
                            .taskDefinition("nightly")
                            .launchType(LaunchType.FARGATE)
                            .networkConfiguration(n -> n.awsvpcConfiguration(a ->
                                    a.subnets(subnet).securityGroups(group).assignPublicIp(AssignPublicIp.DISABLED))))
                    .tasks()
                    .get(0);
            String eni = task.attachments().get(0).details().stream()
                    .filter(d -> d.name().equals("networkInterfaceId"))
                    .findFirst()
                    .orElseThrow()
                    .value();

            CliProcess.Result before =
                    CliProcess.run(CliProcess.awsEnvironment(moto.endpoint()), "scan", "--tasks", "--format", "json");
            assertEquals(0, before.exitCode(), before.stderr());
            assertEquals("", before.stdout());
            assertTrue(before.stderr().contains("read 1 running task(s): 0 NON_COMPLIANT"), before.stderr());

            String allocation =
                    ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
            ec2.associateAddress(r -> r.allocationId(allocation).networkInterfaceId(eni));
            String publicIp = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni))
                    .networkInterfaces()
                    .get(0)
                    .association()
                    .publicIp();

            CliProcess.Result after =
                    CliProcess.run(CliProcess.awsEnvironment(moto.endpoint()), "scan", "--tasks", "--format", "json");
            assertEquals(1, after.exitCode(), after.stderr());
            List<String> lines = after.stdout().lines().toList();
            assertEquals(1, lines.size(), after.stdout());
            JsonObject row = JsonParser.parseString(lines.get(0)).getAsJsonObject();
            assertEquals("AWS::ECS::Task", row.get("ComplianceResourceType").getAsString());
            assertEquals(task.taskArn(), row.get("ComplianceResourceId").getAsString());
            assertEquals("NON_COMPLIANT", row.get("ComplianceType").getAsString());
            String annotation = row.get("Annotation").getAsString();
            assertTrue(annotation.contains("public IPv4 " + publicIp + " on " + eni), annotation);
            assertTrue(annotation.contains("Group family:nightly"), annotation);
            assertTrue(annotation.contains("no service"), annotation);
        }
    }
}
