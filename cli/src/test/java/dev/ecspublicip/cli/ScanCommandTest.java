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
        assertEquals("scanned 3 resource(s): 2 COMPLIANT, 0 NON_COMPLIANT, 1 NOT_APPLICABLE, 0 EXEMPT", lines.get(4));
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
                stderr().contains("scanned 29 resource(s): 24 COMPLIANT, 4 NON_COMPLIANT, 1 NOT_APPLICABLE, 0 EXEMPT"),
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
        assertTrue(
                stdout().contains("scanned 3 resource(s): 0 COMPLIANT, 0 NON_COMPLIANT, 1 NOT_APPLICABLE, 2 EXEMPT"),
                "exempt resources are counted apart from compliant ones: " + stdout());
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

    /** ECS of another region: a stand-in of its own. */
    private final Map<String, EcsStandIn> regions = new java.util.TreeMap<>();

    private final dev.ecspublicip.testing.ec2.Ec2StandIn ec2 = new dev.ecspublicip.testing.ec2.Ec2StandIn();

    @AfterEach
    void closeRegions() {
        regions.values().forEach(EcsStandIn::close);
        ec2.close();
    }

    private EcsStandIn region(String name) {
        return regions.computeIfAbsent(name, r -> new EcsStandIn(Clock.systemUTC()));
    }

    /** A scan whose ECS client of each region talks to that region's stand-in (the default: {@link #ecs}). */
    private int scanRegions(String... args) {
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        ScanCommand scan = new ScanCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                errors,
                region -> AwsClients.configure(software.amazon.awssdk.services.ecs.EcsClient.builder())
                        .endpointOverride(region.map(this::region).orElse(ecs).endpoint())
                        .region(software.amazon.awssdk.regions.Region.of(region.orElse("us-east-1")))
                        .credentialsProvider(dev.ecspublicip.testing.protocol.StandInClients.TEST_CREDENTIALS)
                        .build(),
                () -> ec2.client(AwsClients::configure),
                60_000);
        return Failures.reported(errors, () -> scan.run(List.of(args)));
    }

    private void regionService(String region, String name, Network network) {
        JsonObject service = EcsStandIn.serviceJson("prod", name, "ECS");
        service.add("networkConfiguration", network(network));
        region(region).addService(service);
    }

    @Test
    void severalRegionsAreScannedEachResultNamesItsRegionAndAFailedRegionFailsTheScanAfterTheOthers() {
        regionService("eu-west-1", "web", Network.ENABLED);
        regionService("us-east-2", "api", Network.DISABLED);
        region("ap-south-1").on("ListClusters", call -> Reply.error(500, "ServerException", "ECS is down"));

        int code = scanRegions("--region", "eu-west-1", "-r", "ap-south-1", "--region=us-east-2", "--format", "json");

        assertEquals(4, code, stderr());
        List<JsonObject> lines = stdout().lines()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .toList();
        assertEquals(2, lines.size(), stdout());
        assertEquals("eu-west-1", lines.get(0).get("AwsRegion").getAsString());
        assertEquals("NON_COMPLIANT", lines.get(0).get("ComplianceType").getAsString());
        assertEquals("us-east-2", lines.get(1).get("AwsRegion").getAsString());
        List<String> errors = stderr().lines().toList();
        assertEquals(2, errors.size(), stderr());
        assertTrue(
                errors.get(0).startsWith("error: ap-south-1: ListClusters (ecs, ap-south-1) failed after 6 attempts:"),
                errors.get(0));
        assertEquals(
                "scanned 2 resource(s) in 3 region(s): 1 COMPLIANT, 1 NON_COMPLIANT, 0 NOT_APPLICABLE, 0 EXEMPT;"
                        + " 1 region(s) failed, so this is not complete: ap-south-1",
                errors.get(1));
        assertEquals(6, region("ap-south-1").calls("ListClusters").size());
    }

    @Test
    void allRegionsScansTheRegionsEnabledForTheAccountAndTheTableShowsTheRegion() {
        ec2.region("us-east-1", "opt-in-not-required")
                .region("eu-west-1", "opt-in-not-required")
                .region("af-south-1", "opted-in")
                .region("ap-east-1", "not-opted-in");
        regionService("af-south-1", "web", Network.ENABLED);
        regionService("eu-west-1", "api", Network.DISABLED);
        region("us-east-1");
        region("ap-east-1").on("ListClusters", call -> Reply.error(403, "AccessDeniedException", "not enabled"));

        assertEquals(1, scanRegions("--all-regions"), stderr());

        List<String> table = stdout().lines().toList();
        assertEquals("VERDICT        REGION         TYPE      RESOURCE  DETAIL", table.get(0));
        assertTrue(table.get(1).startsWith("NON_COMPLIANT  af-south-1     service   "), table.get(1));
        assertTrue(table.get(2).startsWith("COMPLIANT      eu-west-1      service   "), table.get(2));
        assertEquals(
                "scanned 2 resource(s) in 3 region(s): 1 COMPLIANT, 1 NON_COMPLIANT, 0 NOT_APPLICABLE, 0 EXEMPT",
                table.get(3));
        assertEquals(0, region("ap-east-1").calls().size());
        assertEquals(1, ec2.calls("DescribeRegions").size());
        ec2.assertNoViolations();
        assertEquals(2, scanRegions("--all-regions", "--region", "eu-west-1"));
        assertTrue(stderr().endsWith("error: --all-regions: cannot be given with --region\n"), stderr());
    }

    @Test
    void csvHasTheJsonKeysAsColumnsAndOutputWritesTheResultsToAFile(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        service("prod", "web", Network.ENABLED, "ECS", Map.of());
        service("prod", "api", Network.DISABLED, "ECS", Map.of());
        java.nio.file.Path file = dir.resolve("scan.csv");

        assertEquals(1, scan("--format=csv", "-o", file.toString()), stderr());

        assertEquals("", stdout());
        List<String> rows = java.nio.file.Files.readAllLines(file);
        assertEquals("ComplianceResourceType,ComplianceResourceId,ComplianceType,Annotation,AwsRegion", rows.get(0));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(
                rows.get(1)
                        .startsWith("AWS::ECS::Service," + ConfigItems.serviceArn("prod", "web") + ",NON_COMPLIANT,"),
                rows.get(1));
        assertTrue(rows.get(1).endsWith(",us-east-1"), rows.get(1));
        assertEquals("scanned 2 resource(s): 1 COMPLIANT, 1 NON_COMPLIANT, 0 NOT_APPLICABLE, 0 EXEMPT\n", stderr());
    }

    @Test
    void aProfileThatDoesNotExistIsItsOwnError() throws Exception {
        CliProcess.Result result =
                CliProcess.run(CliProcess.awsEnvironment(ecs.endpoint()), "scan", "--profile", "nope");

        assertEquals(4, result.exitCode(), result.stderr());
        assertEquals("error: no AWS profile 'nope' in ~/.aws/config or credentials\n", result.stderr());
        assertEquals(0, ecs.calls().size());
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
