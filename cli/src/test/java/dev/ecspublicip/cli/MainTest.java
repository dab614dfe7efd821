package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.Reference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline {@code evaluate} command and the CLI's exit codes, run in process. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void evaluatePrintsOneLinePerEventInOrder() throws IOException {
        int code = run("evaluate", event("service-public-ip-enabled"), event("taskset-public-ip-disabled"));

        assertEquals(0, code);
        assertEquals(
                Files.readString(expected("service-public-ip-enabled"))
                        + Files.readString(expected("taskset-public-ip-disabled")),
                stdout());
        assertEquals("", stderr());
    }

    @Test
    void oneBadFileMeansExit2OneLineOnStderrAndNothingOnStdout() {
        int code = run("evaluate", event("service-public-ip-enabled"), event("bad-rule-parameter-unknown-key"));

        assertEquals(2, code);
        assertEquals("", stdout());
        assertEquals(
                "error: " + event("bad-rule-parameter-unknown-key")
                        + ": ruleParameters.exemptEcsServiceArn: is not a parameter of this rule"
                        + " (expected exemptEcsServiceArns, exemptionTagKey or exemptLauncherArns)\n",
                stderr());
    }

    @Test
    void aMegabyteValueWithBidirectionalControlsGivesOneShortEscapedStderrLine(@TempDir Path dir) throws IOException {
        String value = "\u202e\u2067" + "A".repeat(1 << 20) + "\n\u001b[31m";
        com.google.gson.JsonObject invoking = new com.google.gson.JsonObject();
        invoking.addProperty("messageType", value);
        com.google.gson.JsonObject event = new com.google.gson.JsonObject();
        event.addProperty("invokingEvent", invoking.toString());
        event.addProperty("resultToken", "TESTMODE");
        Path file = dir.resolve("hostile.json");
        Files.writeString(file, event.toString());

        assertEquals(2, run("evaluate", file.toString()));

        assertEquals("", stdout());
        String line = stderr();
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line");
        assertTrue(line.length() - 1 <= 1_000, "length " + line.length());
        assertTrue(line.contains(": invokingEvent.messageType: '\\u202E\\u2067AAAA"), line);
        assertTrue(line.contains("…' (" + value.length() + " characters) is not a message type"), line);
        assertTrue(line.chars().noneMatch(c -> c == 0x202e || c == 0x2067 || c == 0x1b), "nothing raw");
    }

    @Test
    void aDuplicateKeyInTheInvokingEventIsBadInputNamingItsPath() {
        assertEquals(2, run("evaluate", event("bad-duplicate-key-assign-public-ip")));
        assertEquals(
                "error: " + event("bad-duplicate-key-assign-public-ip") + ": invokingEvent.configurationItem"
                        + ".configuration.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp: duplicate key\n",
                stderr());
    }

    @Test
    void eventsThatNeedAwsAreRefusedWithAPointerToInvoke() {
        int code = run("evaluate", event("oversized-service-public-ip-enabled"));

        assertEquals(2, code);
        assertEquals("", stdout());
        assertTrue(
                stderr().contains("run 'invoke " + event("oversized-service-public-ip-enabled") + "' instead"),
                stderr());
    }

    @Test
    void missingFileIsBadInput(@TempDir Path dir) {
        String missing = dir.resolve("nope.json").toString();
        assertEquals(2, run("evaluate", missing));
        assertEquals("error: " + missing + ": no such file\n", stderr());
    }

    @Test
    void unknownCommandAndNoArgumentsAreUsageErrors() {
        assertEquals(2, run("judge"));
        assertEquals("error: judge: is not a command (run with --help for the list)\n", stderr());
        assertEquals(2, run());
        assertEquals(2, run("evaluate"));
        assertEquals(0, run("--help"));
        assertTrue(stdout().contains("evaluate [--keep-going] FILE..."), stdout());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new Main(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String event(String name) {
        return Reference.testEvents().resolve(name + ".json").toString();
    }

    private static Path expected(String name) {
        return Reference.testEvents().resolve(name + ".expected.jsonl");
    }
}
