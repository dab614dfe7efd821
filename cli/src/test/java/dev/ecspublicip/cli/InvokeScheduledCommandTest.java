package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invoke} on a ScheduledNotification runs the sweep, in a fresh JVM configured by the environment. */
class InvokeScheduledCommandTest {

    @Test
    void invokeSweepsAndPrintsEveryEvaluationConfigAccepted() throws Exception {
        try (ConfigInventoryStandIn config =
                ConfigInventoryStandIn.load(file("scheduled-notification.inventory.json"))) {
            CliProcess.Result result = CliProcess.run(
                    CliProcess.awsEnvironment(config.endpoint()),
                    "invoke",
                    file("scheduled-notification.json").toString());

            assertEquals(0, result.exitCode(), result.stderr());
            assertEquals(Files.readString(file("scheduled-notification.expected.jsonl")), result.stdout());
            JsonObject logged = JsonParser.parseString(result.stderr()
                            .lines()
                            .filter(line -> line.startsWith("{\"message\":\"scheduled sweep"))
                            .findFirst()
                            .orElseThrow())
                    .getAsJsonObject();
            assertEquals(5, logged.get("evaluationsPut").getAsInt());
            config.assertNoViolations();
        }
    }

    @Test
    void quietInvokePrintsTheEvaluationsAndNoLogLines() throws Exception {
        try (ConfigInventoryStandIn config =
                ConfigInventoryStandIn.load(file("scheduled-notification.inventory.json"))) {
            CliProcess.Result result = CliProcess.run(
                    CliProcess.awsEnvironment(config.endpoint()),
                    "invoke",
                    "--quiet",
                    file("scheduled-notification.json").toString());

            assertEquals(0, result.exitCode(), result.stderr());
            assertEquals(Files.readString(file("scheduled-notification.expected.jsonl")), result.stdout());
            assertEquals("", result.stderr());
        }
    }

    @Test
    void invokePrintsExactlyTheEvaluationsConfigAcceptedWhenItRejectsOneForGood() throws Exception {
        try (ConfigInventoryStandIn config =
                ConfigInventoryStandIn.load(file("scheduled-notification.inventory.json"))) {
            List<String> expected = Files.readAllLines(file("scheduled-notification.expected.jsonl"));
            String rejected = JsonParser.parseString(expected.get(0))
                    .getAsJsonObject()
                    .get("ComplianceResourceId")
                    .getAsString();
            config.on("PutEvaluations", call -> {
                JsonArray failed = new JsonArray();
                for (JsonElement evaluation : call.body().getAsJsonArray("Evaluations")) {
                    if (evaluation
                            .getAsJsonObject()
                            .get("ComplianceResourceId")
                            .getAsString()
                            .equals(rejected)) {
                        failed.add(evaluation);
                    }
                }
                return JsonProtocolStandIn.Reply.ok(ConfigStandIn.failedEvaluations(failed));
            });

            CliProcess.Result result = CliProcess.run(
                    CliProcess.awsEnvironment(config.endpoint()),
                    "invoke",
                    file("scheduled-notification.json").toString());

            assertEquals(4, result.exitCode(), result.stderr());
            List<String> printed = result.stdout().lines().toList();
            assertEquals(expected.size() - 1, printed.size(), result.stdout());
            assertTrue(printed.stream().noneMatch(line -> line.contains(rejected)), result.stdout());
            JsonObject logged = JsonParser.parseString(result.stderr()
                            .lines()
                            .filter(line -> line.startsWith("{\"message\":\"scheduled sweep"))
                            .findFirst()
                            .orElseThrow())
                    .getAsJsonObject();
            assertEquals(expected.size() - 1, logged.get("evaluationsPut").getAsInt());
            assertEquals(1, logged.get("evaluationsNotPut").getAsInt());
        }
    }

    @Test
    void changeEventsNeverLoadTheSweepsClasses(@TempDir Path dir) throws Exception {
        Path changeLog = dir.resolve("change-classes.txt");
        try (ConfigStandIn config = new ConfigStandIn()) {
            CliProcess.Result result = CliProcess.run(
                    withClassLoadLog(config, changeLog),
                    "invoke",
                    file("service-public-ip-enabled.json").toString());
            assertEquals(0, result.exitCode(), result.stderr());
        }
        String loaded = Files.readString(changeLog);
        assertTrue(loaded.contains("dev.ecspublicip.lambda.ConfigRuleHandler "), "the log records our classes");
        assertFalse(loaded.contains("dev.ecspublicip.sweep."), "a change event loaded sweep classes");

        Path sweepLog = dir.resolve("sweep-classes.txt");
        try (ConfigInventoryStandIn config =
                ConfigInventoryStandIn.load(file("scheduled-notification.inventory.json"))) {
            CliProcess.Result result = CliProcess.run(
                    withClassLoadLog(config, sweepLog),
                    "invoke",
                    file("scheduled-notification.json").toString());
            assertEquals(0, result.exitCode(), result.stderr());
        }
        assertTrue(Files.readString(sweepLog).contains("dev.ecspublicip.sweep.ScheduledSweep "));
    }

    private static Map<String, String> withClassLoadLog(ConfigStandIn config, Path log) {
        Map<String, String> environment = new HashMap<>(CliProcess.awsEnvironment(config.endpoint()));
        environment.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log);
        return environment;
    }

    private static Path file(String name) {
        return Reference.testEvents().resolve(name);
    }
}
