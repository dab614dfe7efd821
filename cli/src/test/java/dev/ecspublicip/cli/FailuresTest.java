package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.testing.Reference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** How a failure becomes an exit code and one line; the jar-level behaviour is pinned in CliJarIT. */
class FailuresTest {
    @Test
    void badInputIsExit2WithItsOwnMessage() {
        assertEquals(
                new Failures.Report(2, "error: --cluster: 'x' is not an ECS cluster"),
                Failures.report(new BadInputException("--cluster", "'x' is not an ECS cluster")));
    }

    @Test
    void runningOutOfHeapIsAnEnvironmentFailureOfOneLineNamingTheHeap() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Failures.reported(new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
            throw new OutOfMemoryError("Java heap space");
        });

        assertEquals(4, exit);
        assertEquals(
                Failures.outOfMemory(Runtime.getRuntime().maxMemory()).line() + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(
                "error: the Java heap (384 MiB) is too small for this input; run java with -Xmx1g or more",
                Failures.outOfMemory(384L * 1024 * 1024).line());
    }

    @Test
    void aRegionLessClientBuiltInAStaticInitializerIsTheNoRegionLine() {
        SdkClientException noRegion = SdkClientException.create("Unable to load region from any of the providers in"
                + " the chain software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@1a2b3c: [...]");
        assertEquals(
                new Failures.Report(4, "error: no AWS region: set AWS_REGION or pass --region"),
                Failures.report(new ExceptionInInitializerError(noRegion)));
    }

    @Test
    void theAccessDeniedHintNamesAPageAndSectionThatHoldThePolicy() throws IOException {
        Matcher named = Pattern.compile("(docs/[a-z-]+\\.md), \"([^\"]+)\"").matcher(Failures.IAM_POLICY_DOCUMENTED_IN);
        assertTrue(named.matches(), Failures.IAM_POLICY_DOCUMENTED_IN);
        String page = Files.readString(Reference.projectDir().resolve(named.group(1)));
        int section = page.indexOf("\n## " + named.group(2) + "\n");
        assertTrue(section >= 0, named.group(1) + " has the section " + named.group(2));
        assertTrue(page.indexOf("```json\n", section) > section, "the section holds the policy");
    }

    @Test
    void linesAreOneLineWithControlCharactersEscapedAndCutToTheLimit() {
        Failures.Report report = Failures.report(new IllegalStateException("first\nsecond\u0007" + "x".repeat(400)));
        assertEquals(4, report.exitCode());
        assertEquals(Failures.MAX_AWS_LINE, report.line().length());
        assertTrue(report.line().startsWith("error: first second\\u0007xxx"), report.line());
        assertTrue(report.line().endsWith("…"), report.line());
    }
}
