package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code scan --tasks}: each running task holding a public address is a NON_COMPLIANT AWS::ECS::Task row. */
class ScanTasksCommandTest {
    private final EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
    private final Ec2StandIn ec2 = new Ec2StandIn();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        ecs.assertNoViolations();
        ec2.assertNoViolations();
        ecs.close();
        ec2.close();
    }

    private int scan(String... args) {
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        ScanCommand scan = new ScanCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                errors,
                region -> ecs.client(AwsClients::configure),
                () -> ec2.client(AwsClients::configure),
                60_000);
        return Failures.reported(errors, () -> scan.run(List.of(args)));
    }

    private void privateServiceWithADrainingPublicTask() {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("DISABLED", List.of("subnet-a"), List.of("sg-1")));
        JsonArray deployments = new JsonArray();
        deployments.add(EcsStandIn.deploymentJson("ecs-svc/2", "PRIMARY", "IN_PROGRESS", null, "DISABLED"));
        deployments.add(EcsStandIn.deploymentJson("ecs-svc/1", "ACTIVE", "COMPLETED", null, "ENABLED"));
        service.add("deployments", deployments);
        ecs.addService(service);
        task("new", "service:web", "ecs-svc/2", null);
        task("old", "service:web", "ecs-svc/1", "203.0.113.7");
    }

    private void task(String id, String group, String startedBy, String publicIp) {
        ecs.addTask(EcsStandIn.taskJson("prod", id, group, startedBy, "subnet-a", "eni-" + id));
        ec2.networkInterface("eni-" + id, "subnet-a", "vpc-1", publicIp);
    }

    @Test
    void aTaskHoldingAPublicAddressIsANonCompliantTaskRowAndTheSummaryCountsTheTasksRead() {
        privateServiceWithADrainingPublicTask();
        task("cron", "family:nightly", "events-rule/nightly", "198.51.100.9");

        int code = scan("--tasks", "--format", "json");

        assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
        List<JsonObject> lines = out.toString(StandardCharsets.UTF_8)
                .lines()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .toList();
        assertEquals(3, lines.size(), "the service and the two exposed tasks");
        assertEquals("COMPLIANT", lines.get(0).get("ComplianceType").getAsString());
        List<JsonObject> tasks = lines.subList(1, 3);
        for (JsonObject task : tasks) {
            assertEquals("AWS::ECS::Task", task.get("ComplianceResourceType").getAsString());
            assertEquals("NON_COMPLIANT", task.get("ComplianceType").getAsString());
        }
        JsonObject old = tasks.stream()
                .filter(t -> t.get("ComplianceResourceId").getAsString().equals(EcsStandIn.taskArn("prod", "old")))
                .findFirst()
                .orElseThrow();
        assertTrue(old.get("Annotation").getAsString().contains("older deployment ecs-svc/1 (ACTIVE), still draining"));
        assertTrue(
                err.toString(StandardCharsets.UTF_8)
                        .contains("; read 3 running task(s): 2 NON_COMPLIANT (holding a public address)"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutTasksHoldingPublicAddressesTheScanPassesAndListsNoTask() {
        privateServiceWithADrainingPublicTask();
        ec2.networkInterface("eni-old", "subnet-a", "vpc-1", null);

        int code = scan("--tasks");

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(2).endsWith("; read 2 running task(s): 0 NON_COMPLIANT (holding a public address)"));
    }

    @Test
    void aTaskWhoseInterfaceCannotBeReadFailsTheScanWithExit4AndOneLine() {
        privateServiceWithADrainingPublicTask();
        ec2.deleteNetworkInterface("eni-old");

        int code = scan("--tasks", "--format", "json");

        assertEquals(4, code);
        List<String> errors = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, errors.size(), String.join("\n", errors));
        assertTrue(errors.get(0).startsWith("error: "), errors.get(0));
        assertTrue(errors.get(0).contains("DescribeNetworkInterfaces"), errors.get(0));
    }

    @Test
    void withoutTasksNoTaskIsRead() {
        privateServiceWithADrainingPublicTask();

        assertEquals(0, scan());
        assertEquals(0, ecs.calls("ListTasks").size());
        assertEquals(0, ec2.calls().size());
    }
}
