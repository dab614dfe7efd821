package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code scan} against a loopback stand-in of ECS: what it reads, what it prints, how it exits. */
class ScanCommandTest {
    private static final Map<String, String> EXEMPT = Map.of("public-ip-exemption", "SEC-7: partner allow-list");

    private final EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        ecs.close();
    }

    @Test
    void cleanAccountExits0WithATableForPeople() {
        service("prod", "web", Network.DISABLED, "ECS", Map.of());
        service("prod", "api", Network.UNSET, "ECS", Map.of());
        service("prod", "legacy", Network.BRIDGE, "ECS", Map.of());

        int code = scan();

        assertEquals(0, code, stderr());
        List<String> lines = stdout().lines().toList();
        assertEquals("VERDICT        TYPE      RESOURCE  DETAIL", lines.get(0));
        assertEquals(
                "COMPLIANT      service   " + ConfigItems.serviceArn("prod", "web")
                        + "  AssignPublicIp is DISABLED on ECS service 'web'.",
                lines.get(1));
        assertTrue(lines.get(3).startsWith("NOT_APPLICABLE service   " + ConfigItems.serviceArn("prod", "legacy")));
        assertEquals(
                "scanned 3 service(s) and task set(s): 2 COMPLIANT, 0 NON_COMPLIANT, 1 NOT_APPLICABLE", lines.get(4));
        assertEquals("", stderr());
        ecs.assertNoViolations();
    }

    @Test
    void quietPrintsOnlyTheResultsInEitherFormat() {
        service("prod", "web", Network.DISABLED, "ECS", Map.of());
        service("prod", "api", Network.ENABLED, "ECS", Map.of());

        assertEquals(1, scan("--quiet"), stderr());
        assertEquals(2, stdout().lines().count(), stdout());
        assertTrue(stdout().lines().allMatch(line -> line.contains(" service   arn:aws:ecs:")), stdout());
        assertEquals("", stderr());

        out.reset();
        assertEquals(1, scan("-q", "--format", "json", "--no-color"), stderr());
        assertEquals(2, stdout().lines().count(), stdout());
        assertEquals("", stderr());
    }

    @Test
    void somethingNonCompliantExits1AndJsonLinesNameResourcesByArn() {
        for (int i = 0; i < 25; i++) {
            service("prod", "svc-" + i, i % 10 == 0 ? Network.ENABLED : Network.DISABLED, "ECS", Map.of());
        }
        service("prod", "canary", Network.UNSET, "EXTERNAL", Map.of());
        taskSet("prod", "canary", "ecs-svc/1", Network.ENABLED, Map.of());
        taskSet("prod", "canary", "ecs-svc/2", Network.DISABLED, Map.of());
        service("dev", "tool", Network.DISABLED, "CODE_DEPLOY", Map.of());

        int code = scan("--format", "json");

        assertEquals(1, code, stderr());
        List<JsonObject> lines = stdout().lines()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .toList();
        assertEquals(29, lines.size());
        JsonObject taskSet = lines.stream()
                .filter(l -> l.get("ComplianceResourceType").getAsString().equals("AWS::ECS::TaskSet")
                        && l.get("ComplianceType").getAsString().equals("NON_COMPLIANT"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "arn:aws:ecs:us-east-1:123456789012:task-set/prod/canary/ecs-svc/1",
                taskSet.get("ComplianceResourceId").getAsString());
        assertEquals(
                4,
                lines.stream()
                        .filter(l -> l.get("ComplianceType").getAsString().equals("NON_COMPLIANT"))
                        .count());
        assertEquals(
                "NOT_APPLICABLE",
                lines.stream()
                        .filter(l -> l.get("ComplianceResourceId")
                                .getAsString()
                                .equals(ConfigItems.serviceArn("prod", "canary")))
                        .findFirst()
                        .orElseThrow()
                        .get("ComplianceType")
                        .getAsString(),
                "an EXTERNAL service carries no network");
        assertTrue(
                stderr().contains(
                                "scanned 29 service(s) and task set(s): 24 COMPLIANT, 4 NON_COMPLIANT, 1 NOT_APPLICABLE"),
                stderr());

        for (Call call : ecs.calls("DescribeServices")) {
            assertTrue(call.body().getAsJsonArray("services").size() <= 10);
            assertEquals("TAGS", call.body().getAsJsonArray("include").get(0).getAsString());
        }
        assertEquals(4, ecs.calls("DescribeServices").size(), "26 services in prod, 1 in dev");
        ecs.calls("ListServices")
                .forEach(call -> assertEquals(100, call.body().get("maxResults").getAsInt()));
        assertEquals(1, ecs.calls("DescribeTaskSets").size(), "only the EXTERNAL service has task sets to read");
        assertEquals(
                ConfigItems.serviceArn("prod", "canary"),
                ecs.calls("DescribeTaskSets").get(0).body().get("service").getAsString());
        ecs.assertNoViolations();
    }

    @Test
    void pagesThroughClustersAndServices() {
        for (int i = 0; i < 101; i++) {
            service("c" + i, "only", Network.DISABLED, "ECS", Map.of());
        }
        for (int i = 0; i < 120; i++) {
            service("big", "svc-" + i, Network.DISABLED, "ECS", Map.of());
        }

        int code = scan("--format", "json");

        assertEquals(0, code, stderr());
        assertEquals(221, stdout().lines().count());
        assertEquals(2, ecs.calls("ListClusters").size());
        assertEquals(102 + 1, ecs.calls("ListServices").size(), "102 clusters, two pages for the big one");
        ecs.assertNoViolations();
    }

    @Test
    void exemptionsGivenAsRuleParametersApply() {
        service("prod", "vpn", Network.ENABLED, "ECS", EXEMPT);
        service("prod", "canary", Network.UNSET, "EXTERNAL", Map.of());
        taskSet("prod", "canary", "ecs-svc/1", Network.ENABLED, EXEMPT);

        int code = scan("--rule-parameters", "{\"exemptionTagKey\": \"public-ip-exemption\"}");

        assertEquals(0, code, stdout() + stderr());
        assertTrue(stdout().contains("Exempt: tagged public-ip-exemption=\"SEC-7: partner allow-list\"."), stdout());
        assertTrue(ecs.calls("DescribeTaskSets")
                .get(0)
                .body()
                .getAsJsonArray("include")
                .toString()
                .contains("TAGS"));
    }

    @Test
    void clusterOptionLimitsTheScan() {
        service("prod", "web", Network.ENABLED, "ECS", Map.of());
        service("dev", "tool", Network.DISABLED, "ECS", Map.of());

        int code = scan("--cluster", "dev", "--cluster=" + EcsStandIn.clusterArn("dev"));

        assertEquals(0, code);
        assertEquals(0, ecs.calls("ListClusters").size());
        assertEquals(
                List.of("dev", EcsStandIn.clusterArn("dev")),
                ecs.calls("ListServices").stream()
                        .map(c -> c.body().get("cluster").getAsString())
                        .toList());
    }

    @Test
    void unknownClusterIsBadInputNamingItBeforeAnyResultIsPrinted() {
        service("prod", "web", Network.ENABLED, "ECS", Map.of());

        int code = scan("--cluster", "prod", "--cluster", "nope");

        assertEquals(2, code);
        assertEquals("", stdout());
        assertEquals(1, stderr().lines().count(), stderr());
        assertTrue(
                stderr().startsWith("error: --cluster: 'nope' is not an ECS cluster in this account and region"),
                stderr());
        assertEquals(0, ecs.calls("DescribeServices").size());
    }

    @Test
    void serviceEcsCannotDescribeFailsTheScanRatherThanPassingIt() {
        service("prod", "web", Network.DISABLED, "ECS", Map.of());
        JsonObject failure = new JsonObject();
        failure.addProperty("arn", ConfigItems.serviceArn("prod", "web"));
        failure.addProperty("reason", "ACCESS_DENIED");
        JsonObject answer = new JsonObject();
        answer.add("services", new com.google.gson.JsonArray());
        com.google.gson.JsonArray failures = new com.google.gson.JsonArray();
        failures.add(failure);
        answer.add("failures", failures);
        ecs.once("DescribeServices", call -> Reply.ok(answer));

        int code = scan();

        assertEquals(4, code);
        assertEquals("", stdout());
        assertTrue(
                stderr().contains("could not read " + ConfigItems.serviceArn("prod", "web") + ": ACCESS_DENIED"),
                stderr());
    }

    @Test
    void throttlingIsRetried() {
        service("prod", "web", Network.ENABLED, "ECS", Map.of());
        ecs.throttle("DescribeServices", 2);

        assertEquals(1, scan());
        assertEquals(3, ecs.calls("DescribeServices").size());
    }

    @Test
    void badArgumentsExit2WithOneLineAndNothingOnStdout() {
        for (List<String> args : List.of(
                List.of("--format", "xml"),
                List.of("--bogus", "x"),
                List.of("--cluster"),
                List.of("prod"),
                List.of("--rule-parameters", "{\"exemptEcsServiceArn\": \"x\"}"))) {
            out.reset();
            err.reset();
            assertEquals(2, scan(args.toArray(String[]::new)), args.toString());
            assertEquals("", stdout(), args.toString());
            assertEquals(1, stderr().lines().count(), stderr());
            assertTrue(stderr().startsWith("error: "), stderr());
        }
        assertEquals(0, ecs.calls().size());
    }

    @Test
    void progressGoesToStderrWhenTheScanRunsLong() {
        service("prod", "web", Network.DISABLED, "ECS", Map.of());

        new ScanCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        () -> ecs.client(AwsClients::configure),
                        0)
                .run(List.of());

        assertTrue(
                stderr().contains("scan: cluster 1/1 (" + EcsStandIn.clusterArn("prod")
                        + "): 1 services, 0 task sets so far"),
                stderr());
    }

    @Test
    void regionAndEndpointComeFromTheStandardEnvironmentInAFreshJvm() throws Exception {
        service("prod", "web", Network.ENABLED, "ECS", Map.of());
        Map<String, String> environment = new HashMap<>(CliProcess.awsEnvironment(ecs.endpoint()));

        CliProcess.Result result = CliProcess.run(environment, "scan", "--region", "eu-west-1", "--format", "json");

        assertEquals(1, result.exitCode(), result.stderr());
        assertEquals(1, result.stdout().lines().count());
        String authorization =
                ecs.calls("ListClusters").get(0).headers().get("Authorization").get(0);
        assertTrue(authorization.contains("/eu-west-1/ecs/aws4_request"), authorization);

        environment.remove("AWS_REGION");
        CliProcess.Result noRegion = CliProcess.run(environment, "scan");
        assertEquals(4, noRegion.exitCode(), noRegion.stderr());
        assertEquals("error: no AWS region: set AWS_REGION or pass --region\n", noRegion.stderr());
        assertEquals("", noRegion.stdout());
        ecs.assertNoViolations();
    }

    private int scan(String... args) {
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        ScanCommand scan = new ScanCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                errors,
                () -> ecs.client(AwsClients::configure),
                60_000);
        return Failures.reported(errors, () -> scan.run(List.of(args)));
    }

    /** A service in the ECS API's shape; EXTERNAL ones carry no network (their task sets do). */
    private void service(String cluster, String name, Network network, String controller, Map<String, String> tags) {
        JsonObject service = EcsStandIn.serviceJson(cluster, name, controller);
        if (network == Network.BRIDGE) {
            service.addProperty("launchType", "EC2");
        } else if (!controller.equals("EXTERNAL")) {
            service.add("networkConfiguration", network(network));
        }
        service.add("tags", tags(tags));
        ecs.addService(service);
    }

    private void taskSet(String cluster, String service, String id, Network network, Map<String, String> tags) {
        JsonObject taskSet = EcsStandIn.taskSetJson(cluster, service, id, "PRIMARY");
        taskSet.add("networkConfiguration", network(network));
        taskSet.add("tags", tags(tags));
        ecs.addTaskSet(taskSet);
    }

    private static JsonObject network(Network network) {
        return EcsStandIn.awsvpc(
                network == Network.UNSET ? null : network.name(),
                List.of("subnet-0123456789abcdef0"),
                List.of("sg-0a1b2c3d4e5f60718"));
    }

    private static com.google.gson.JsonArray tags(Map<String, String> tags) {
        return EcsStandIn.tags(tags.entrySet().stream()
                .flatMap(tag -> java.util.stream.Stream.of(tag.getKey(), tag.getValue()))
                .toArray(String[]::new));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
