package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.BadInputException;
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
    void aRegionLessClientBuiltInAStaticInitializerIsTheNoRegionLine() {
        SdkClientException noRegion = SdkClientException.create("Unable to load region from any of the providers in"
                + " the chain software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@1a2b3c: [...]");
        assertEquals(
                new Failures.Report(4, "error: no AWS region: set AWS_REGION or pass --region"),
                Failures.report(new ExceptionInInitializerError(noRegion)));
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
