package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.scan.LauncherScanner;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.pipes.PipesClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** {@code scan --type}: which services are read, and how launchers show among ECS's results. */
class ScanTypeCommandTest {
    private static final String PIPE = "arn:aws:pipes:us-east-1:123456789012:pipe/orders";

    private final EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
    private final JsonProtocolStandIn events = new JsonProtocolStandIn("events");
    private final JsonProtocolStandIn scheduler = new JsonProtocolStandIn("scheduler");
    private final JsonProtocolStandIn pipes = new JsonProtocolStandIn("pipes");
    private final JsonProtocolStandIn states = new JsonProtocolStandIn("stepfunctions");
    private final JsonProtocolStandIn batch = new JsonProtocolStandIn("batch");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    ScanTypeCommandTest() {
        pipes.on("ListPipes", call -> Reply.ok(json("{\"Pipes\":[{\"Name\":\"orders\"}]}")));
        pipes.on("DescribePipe", call -> Reply.ok(json("""
                {"Name":"orders","Arn":"%s","Target":"arn:aws:ecs:us-east-1:123456789012:cluster/prod",
                 "TargetParameters":{"EcsTaskParameters":{"TaskDefinitionArn":"arn:aws:ecs:us-east-1:123456789012:task-definition/j:1",
                   "NetworkConfiguration":{"awsvpcConfiguration":{"Subnets":["subnet-1"],"AssignPublicIp":"ENABLED"}}}}}""".formatted(PIPE))));
        events.on("ListEventBuses", call -> Reply.ok(json("{\"EventBuses\":[{\"Name\":\"default\"}]}")));
        events.on("ListRules", call -> Reply.ok(json("{\"Rules\":[]}")));
        scheduler.on("ListSchedules", call -> Reply.ok(json("{\"Schedules\":[]}")));
        states.on("ListStateMachines", call -> Reply.ok(json("{\"stateMachines\":[]}")));
        batch.on("DescribeJobDefinitions", call -> Reply.ok(json("{\"jobDefinitions\":[]}")));
    }

    @AfterEach
    void close() {
        for (JsonProtocolStandIn standIn : List.of(events, scheduler, pipes, states, batch)) {
            standIn.assertNoViolations();
            standIn.close();
        }
        ecs.assertNoViolations();
        ecs.close();
    }

    private static JsonObject json(String text) {
        return com.google.gson.JsonParser.parseString(text).getAsJsonObject();
    }

    private int scan(String... args) {
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        ScanCommand scan = new ScanCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                errors,
                region -> ecs.client(AwsClients::configure),
                () -> {
                    throw new IllegalStateException("no EC2 here");
                },
                region -> {
                    throw new IllegalStateException("no EC2 here");
                },
                region -> new LauncherScanner(
                        StandInClients.client(EventBridgeClient.builder(), AwsClients::configure, events.endpoint()),
                        StandInClients.client(SchedulerClient.builder(), AwsClients::configure, scheduler.endpoint()),
                        StandInClients.client(PipesClient.builder(), AwsClients::configure, pipes.endpoint()),
                        StandInClients.client(SfnClient.builder(), AwsClients::configure, states.endpoint()),
                        StandInClients.client(BatchClient.builder(), AwsClients::configure, batch.endpoint())),
                60_000);
        return Failures.reported(errors, () -> scan.run(List.of(args)));
    }

    @Test
    void aLauncherTypeReadsOnlyItsOwnServiceAndReportsItsFinding() {
        int code = scan("--type", "AWS::Pipes::Pipe", "--format", "json");

        assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.contains("\"AWS::Pipes::Pipe\""), line);
        assertTrue(line.contains(PIPE), line);
        assertTrue(line.contains("NON_COMPLIANT"), line);
        assertEquals(0, ecs.calls().size(), "ECS is not read for a launcher type");
        assertEquals(
                0,
                events.calls().size()
                        + scheduler.calls().size()
                        + states.calls().size()
                        + batch.calls().size());
    }

    @Test
    void allReadsEcsAndEveryLauncherService() {
        int code = scan("-t", "all", "--format", "json");

        assertEquals(1, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(ecs.calls().size() > 0);
        for (JsonProtocolStandIn standIn : List.of(events, scheduler, pipes, states, batch)) {
            assertTrue(standIn.calls().size() > 0, standIn.model().protocol());
        }
    }

    @Test
    void withoutTypeOnlyServicesAndTaskSetsAreRead() {
        assertEquals(0, scan("--format", "json"), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, pipes.calls().size());
    }

    @Test
    void anUnknownTypeIsBadInputNamingTheOption() {
        assertEquals(2, scan("--type", "AWS::Lambda::Function"));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith("error: --type: 'AWS::Lambda::Function' is not a type scan reads"), error);
        assertEquals(0, ecs.calls().size() + pipes.calls().size());
    }
}
