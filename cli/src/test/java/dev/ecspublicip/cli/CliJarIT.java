package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.MutableClock;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.sts.StsStandIn;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it: {@code java -jar target/ecs-public-ip-rule.jar ...} (built by
 * {@code mvn package}), in a fresh JVM that sees only the environment a test gives it, against loopback
 * stand-ins. Pins what docs/cli.md says of the command line: help, version, input, the README's exit-code
 * table, and the one-line errors.
 */
class CliJarIT {
    private static final Path JAR = Reference.projectDir().resolve("cli/target/ecs-public-ip-rule.jar");
    private static final String SHOWN_JAR =
            Path.of("").toAbsolutePath().relativize(JAR).toString();
    private static final String NO_REGION = "error: no AWS region: set AWS_REGION or pass --region\n";

    private final ConfigStandIn config = new ConfigStandIn();
    private final EcsStandIn ecs = new EcsStandIn(new MutableClock(Instant.parse("2026-11-20T15:00:00Z")));
    private final Ec2StandIn ec2 = new Ec2StandIn();
    private final StsStandIn sts = new StsStandIn();

    @AfterEach
    void close() {
        config.close();
        ecs.close();
        ec2.close();
        sts.close();
    }

    private static CliProcess.Result jarWithInput(Map<String, String> environment, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-jar", JAR.toString()));
        arguments.addAll(List.of(args));
        return CliProcess.runJava(environment, stdin, arguments);
    }

    private static CliProcess.Result jar(Map<String, String> environment, String... args) throws Exception {
        return jarWithInput(environment, "", args);
    }

    private Map<String, String> standIns() {
        Map<String, String> environment = new HashMap<>(CliProcess.awsEnvironment(config.endpoint()));
        environment.put("AWS_ENDPOINT_URL_ECS", ecs.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_EC2", ec2.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        return environment;
    }

    private static String event(String name) {
        return Reference.testEvents().resolve(name + ".json").toString();
    }

    @Test
    void helpInEverySpellingPrintsTheUsageWithTheJarsRealPathOnStdout() throws Exception {
        for (String help : List.of("help", "--help", "-h")) {
            CliProcess.Result result = jar(Map.of(), help);
            assertEquals(0, result.exitCode(), help);
            assertTrue(result.stdout().startsWith("usage: java -jar " + SHOWN_JAR + " COMMAND"), result.stdout());
            for (String command : List.of("evaluate", "invoke", "remediate", "scan", "check")) {
                assertTrue(result.stdout().contains("\n  " + command + " "), command + " in " + result.stdout());
            }
            assertTrue(result.stdout().contains("4 AWS or environment failure"), result.stdout());
            assertEquals("", result.stderr());
        }
        CliProcess.Result none = jar(Map.of());
        assertEquals(2, none.exitCode());
        assertEquals("", none.stdout());
        assertTrue(none.stderr().startsWith("usage: java -jar " + SHOWN_JAR), none.stderr());
    }

    @Test
    void everyCommandHasItsOwnHelpOnStdout() throws Exception {
        for (String command : List.of("evaluate", "invoke", "remediate", "scan", "check")) {
            for (List<String> args :
                    List.of(List.of(command, "--help"), List.of(command, "-h"), List.of("help", command))) {
                CliProcess.Result result = jar(Map.of(), args.toArray(String[]::new));
                assertEquals(0, result.exitCode(), args + ": " + result.stderr());
                assertTrue(
                        result.stdout().startsWith("usage: java -jar " + SHOWN_JAR + " " + command), result.stdout());
                assertEquals(
                        !command.equals("evaluate") && !command.equals("check"),
                        result.stdout().contains("[--region R]")
                                && result.stdout().contains("[--profile P]"),
                        result.stdout());
                assertEquals("", result.stderr());
            }
        }
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        CliProcess.Result result = jar(Map.of(), "--version");
        assertEquals(0, result.exitCode());
        assertEquals("ecs-public-ip-rule " + System.getProperty("project.version") + "\n", result.stdout());
    }

    @Test
    void evaluateReadsOneEventFromStandardInput() throws Exception {
        CliProcess.Result result =
                jarWithInput(Map.of(), Files.readString(Path.of(event("service-public-ip-enabled"))), "evaluate", "-");
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(
                Files.readString(Reference.testEvents().resolve("service-public-ip-enabled.expected.jsonl")),
                result.stdout());
    }

    @Test
    void evaluateKeepGoingJudgesEveryFileNamesEachBadOneAndExits2AtTheEnd() throws Exception {
        String good = event("service-public-ip-enabled");
        String bad = event("bad-rule-parameter-unknown-key");
        String needsAws = event("scheduled-notification");
        CliProcess.Result result =
                jar(Map.of(), "evaluate", "--keep-going", good, bad, needsAws, event("taskset-public-ip-disabled"));

        assertEquals(2, result.exitCode());
        List<String> lines = result.stdout().lines().toList();
        assertEquals(2, lines.size(), result.stdout());
        JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals(good, first.get("File").getAsString());
        assertEquals("NON_COMPLIANT", first.get("ComplianceType").getAsString());
        assertEquals(
                event("taskset-public-ip-disabled"),
                JsonParser.parseString(lines.get(1))
                        .getAsJsonObject()
                        .get("File")
                        .getAsString());
        List<String> errors = result.stderr().lines().toList();
        assertEquals(2, errors.size(), result.stderr());
        assertTrue(errors.get(0).startsWith("error: " + bad + ": ruleParameters."), errors.get(0));
        assertTrue(errors.get(1).startsWith("error: " + needsAws + ": invokingEvent.messageType"), errors.get(1));

        CliProcess.Result strict = jar(Map.of(), "evaluate", good, bad);
        assertEquals(2, strict.exitCode());
        assertEquals("", strict.stdout());
    }

    @Test
    void invokeWithTheTestModeEventPutsWithTestModeAndPrintsOnlyWhatItPut() throws Exception {
        CliProcess.Result result = jar(standIns(), "invoke", event("service-public-ip-enabled-testmode"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(
                Files.readString(Reference.testEvents().resolve("service-public-ip-enabled-testmode.expected.jsonl")),
                result.stdout());
        assertEquals("", result.stderr(), "the put is on stdout; the Lambda log's repeat of it is not");
        assertTrue(config.calls("PutEvaluations").get(0).body().get("TestMode").getAsBoolean());
        config.assertNoViolations();
    }

    @Test
    void invokeTimeoutIsTheDeadlineASweepAgainstASlowEndpointStopsBefore() throws Exception {
        try (ConfigInventoryStandIn inventory =
                ConfigInventoryStandIn.load(Reference.testEvents().resolve("scheduled-notification.inventory.json"))) {
            // Far above the 3 s budget, so that a JVM slow to start on a loaded machine cannot reach the answer.
            inventory.delay("BatchGetResourceConfig", 20_000);
            long started = System.nanoTime();

            CliProcess.Result result = jar(
                    CliProcess.awsEnvironment(inventory.endpoint()),
                    "invoke",
                    "--timeout",
                    "3",
                    event("scheduled-notification"));

            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(
                    result.stdout().lines().allMatch(line -> line.contains("\"NOT_APPLICABLE\"")),
                    "only stale evaluations were cleared; nothing was judged: " + result.stdout());
            JsonObject summary = JsonParser.parseString(result.stderr().strip()).getAsJsonObject();
            assertEquals("time budget", summary.get("stoppedBy").getAsString());
            assertTrue(elapsedMillis < 20_000, "waited for the slow answer: " + elapsedMillis + " ms");
        }
        for (String timeout : List.of("0", "901", "ten")) {
            CliProcess.Result bad = jar(Map.of(), "invoke", "--timeout", timeout, event("scheduled-notification"));
            assertEquals(2, bad.exitCode(), timeout);
            assertTrue(bad.stderr().startsWith("error: --timeout: must be whole seconds from 1 to 900"), bad.stderr());
        }
    }

    @Test
    void noRegionIsOneLineAndExit4ForEveryAwsCommand() throws Exception {
        Map<String, String> environment = standIns();
        environment.remove("AWS_REGION");
        for (List<String> args : List.of(
                List.of("invoke", event("service-public-ip-enabled")),
                List.of(
                        "remediate",
                        "--resource-type",
                        "AWS::ECS::Service",
                        "--resource-id",
                        EcsStandIn.serviceArn("prod", "web")),
                List.of("scan"))) {
            CliProcess.Result result = jar(environment, args.toArray(String[]::new));
            assertEquals(4, result.exitCode(), args + ": " + result.stderr());
            assertEquals(NO_REGION, result.stderr(), args.toString());
            assertEquals("", result.stdout(), args.toString());
        }
        assertEquals(List.of(), config.calls());
    }

    @Test
    void noCredentialsIsOneShortLineAndExit4() throws Exception {
        Map<String, String> environment = standIns();
        environment.remove("AWS_ACCESS_KEY_ID");
        environment.remove("AWS_SECRET_ACCESS_KEY");
        for (List<String> args : List.of(List.of("invoke", event("service-public-ip-enabled")), List.of("scan"))) {
            CliProcess.Result result = jar(environment, args.toArray(String[]::new));
            assertEquals(4, result.exitCode(), args + ": " + result.stderr());
            assertEquals(1, result.stderr().lines().count(), result.stderr());
            assertTrue(result.stderr().length() <= 301, result.stderr());
            assertTrue(
                    result.stderr().startsWith("error: no AWS credentials: pass --profile, set AWS_PROFILE"),
                    result.stderr());
            assertEquals("", result.stdout());
        }
    }

    @Test
    void anUnreachableEndpointNamesTheCallServiceRegionAndAttempts() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> environment =
                new HashMap<>(CliProcess.awsEnvironment(URI.create("http://127.0.0.1:" + closedPort)));

        CliProcess.Result result = jar(environment, "invoke", event("service-public-ip-enabled"));

        assertEquals(4, result.exitCode(), result.stderr());
        assertEquals(
                "error: PutEvaluations (config, us-east-1) failed after 6 attempts: connection refused\n",
                result.stderr());
        assertEquals("", result.stdout());
    }

    @Test
    void regionOptionOnInvokeAndRemediateSignsForThatRegion() throws Exception {
        Map<String, String> environment = standIns();
        environment.remove("AWS_REGION");

        CliProcess.Result invoke =
                jar(environment, "invoke", "--region", "eu-west-2", event("service-public-ip-enabled"));
        assertEquals(0, invoke.exitCode(), invoke.stderr());
        assertTrue(authorization(config.calls("PutEvaluations").get(0).headers())
                .contains("/eu-west-2/config/aws4_request"));

        ecs.addService(serviceWithPublicIp());
        CliProcess.Result elsewhere = jar(
                environment,
                "remediate",
                "--region=eu-west-3",
                "--dry-run",
                "--resource-type",
                "AWS::ECS::Service",
                "--resource-id",
                EcsStandIn.serviceArn("prod", "web"));
        assertEquals(2, elsewhere.exitCode(), elsewhere.stderr());
        assertTrue(elsewhere.stderr().startsWith("error: --resource-id: "), elsewhere.stderr());
        assertTrue(ecs.calls().isEmpty(), "an ARN of another region is refused before any ECS call");

        CliProcess.Result remediate = jar(
                environment,
                "remediate",
                "--region=" + EcsStandIn.REGION,
                "--dry-run",
                "--resource-type",
                "AWS::ECS::Service",
                "--resource-id",
                EcsStandIn.serviceArn("prod", "web"));
        assertEquals(0, remediate.exitCode(), remediate.stderr());
        assertTrue(authorization(ecs.calls().get(0).headers()).contains("/" + EcsStandIn.REGION + "/ecs/aws4_request"));

        CliProcess.Result badRegion =
                jar(environment, "invoke", "--region", "Mars", event("service-public-ip-enabled"));
        assertEquals(2, badRegion.exitCode());
        assertEquals("error: --region: 'Mars' is not an AWS region name\n", badRegion.stderr());
    }

    @Test
    void profileOptionUsesThatProfilesCredentialsAndRegionOverTheEnvironments(@TempDir Path home) throws Exception {
        Path configFile = home.resolve("config");
        Path credentialsFile = home.resolve("credentials");
        Files.writeString(configFile, "[profile team]\nregion = eu-north-1\n");
        Files.writeString(
                credentialsFile, "[team]\naws_access_key_id = AKIDTEAM\naws_secret_access_key = team-secret\n");
        Map<String, String> environment = standIns();
        environment.remove("AWS_REGION");
        environment.put("AWS_CONFIG_FILE", configFile.toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString());
        ecs.addService(serviceWithPublicIp());

        CliProcess.Result scan = jar(environment, "scan", "--profile", "team", "--format", "json");

        assertEquals(1, scan.exitCode(), scan.stderr());
        String signed = authorization(ecs.calls().get(0).headers());
        assertTrue(signed.contains("Credential=AKIDTEAM/") && signed.contains("/eu-north-1/ecs/aws4_request"), signed);

        CliProcess.Result unknown =
                jar(environment, "invoke", "--profile", "nobody", event("service-public-ip-enabled"));
        assertEquals(4, unknown.exitCode(), unknown.stderr());
        assertEquals(1, unknown.stderr().lines().count(), unknown.stderr());
        assertTrue(unknown.stderr().length() <= 301, unknown.stderr());
        assertTrue(unknown.stderr().startsWith("error: "), unknown.stderr());
        assertTrue(unknown.stderr().contains("nobody") || unknown.stderr().contains("region"), unknown.stderr());
    }

    @Test
    void scanExitCodesAndOptions() throws Exception {
        CliProcess.Result bogus = jar(standIns(), "scan", "--bogus");
        assertEquals(2, bogus.exitCode());
        assertTrue(bogus.stderr().startsWith("error: --bogus: is not an option of scan"), bogus.stderr());
        assertEquals("", bogus.stdout());

        ecs.addService(serviceWithPublicIp());
        CliProcess.Result missing = jar(standIns(), "scan", "--cluster", "prod", "--cluster", "nope");
        assertEquals(2, missing.exitCode(), missing.stderr());
        assertTrue(missing.stderr().startsWith("error: --cluster: 'nope' is not an ECS cluster"), missing.stderr());
        assertEquals("", missing.stdout());

        CliProcess.Result found = jar(standIns(), "scan");
        assertEquals(1, found.exitCode(), found.stderr());
        assertTrue(found.stdout().startsWith("VERDICT"), found.stdout());
        ecs.assertNoViolations();
    }

    @Test
    void remediateExitCodes() throws Exception {
        JsonObject codeDeploy = EcsStandIn.serviceJson("prod", "web", "CODE_DEPLOY");
        codeDeploy.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
        ecs.addService(codeDeploy);

        CliProcess.Result refused = jar(
                standIns(),
                "remediate",
                "--resource-type",
                "AWS::ECS::Service",
                "--resource-id",
                EcsStandIn.serviceArn("prod", "web"));
        assertEquals(3, refused.exitCode(), refused.stderr());
        assertEquals(
                "REFUSED",
                JsonParser.parseString(refused.stdout())
                        .getAsJsonObject()
                        .get("outcome")
                        .getAsString());
        assertTrue(
                refused.stderr().lines().noneMatch(line -> line.startsWith("Remediation result ")), refused.stderr());

        CliProcess.Result unknownOption = jar(standIns(), "remediate", "--force");
        assertEquals(2, unknownOption.exitCode());
        assertTrue(
                unknownOption.stderr().startsWith("error: --force: is not an option of remediate"),
                unknownOption.stderr());
    }

    private JsonObject serviceWithPublicIp() {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
        ec2.subnet("subnet-a", "vpc-1")
                .routeTable("rtb-1", "vpc-1", true, List.of(), Ec2StandIn.Route.natGateway("nat-1"));
        return service;
    }

    private static String authorization(Map<String, List<String>> headers) {
        return headers.get("Authorization").get(0);
    }
}
