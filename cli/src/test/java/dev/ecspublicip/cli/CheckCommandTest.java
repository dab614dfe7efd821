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

/** {@code check} as people run it: the table, its summary, and what ends it early with exit 2. */
class CheckCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    private static String event(String name) {
        return Reference.testEvents().resolve("check").resolve(name).toString();
    }

    @Test
    void theTableShowsEveryResourceOfEveryFileAndASummary() {
        int code = run("check", event("cfn-service-public-ip-disabled.json"), event("tf-module-addresses.json"));

        assertEquals(1, code);
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("VERDICT "), table);
        assertTrue(
                table.contains("COMPLIANT      AWS::ECS::Service  " + event("cfn-service-public-ip-disabled.json")
                        + ": WebService  AssignPublicIp is DISABLED on ECS service 'web'."),
                table);
        assertTrue(
                table.contains("NON_COMPLIANT  aws_ecs_service    " + event("tf-module-addresses.json")
                        + ": module.shop.module.api.aws_ecs_service.this[0]  "),
                table);
        assertTrue(
                table.endsWith("checked 4 resource(s) in 2 file(s): 3 COMPLIANT, 1 NON_COMPLIANT,"
                        + " 0 NOT_APPLICABLE, 0 EXEMPT\n"),
                table);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void oneUnreadableFileMeansExit2OneLineAndNothingOnStdout(@TempDir Path dir) {
        String missing = dir.resolve("plan.json").toString();

        int code = run("check", event("cfn-service-public-ip-enabled.yaml"), missing);

        assertEquals(2, code);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("error: " + missing + ": no such file\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTemplateWithoutEcsResourcesIsClean(@TempDir Path dir) throws IOException {
        Path template =
                Files.writeString(dir.resolve("bucket.yaml"), "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");

        assertEquals(0, run("check", template.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8)
                .endsWith("checked 0 resource(s) in 1 file(s):"
                        + " 0 COMPLIANT, 0 NON_COMPLIANT, 0 NOT_APPLICABLE, 0 EXEMPT\n"));
    }

    @Test
    void badArgumentsAreExit2NamingTheOption() {
        assertEquals(2, run("check", "--format", "xml", event("cfn-service-public-ip-enabled.yaml")));
        assertEquals(2, run("check", "--parameter", "NoEquals", event("cfn-service-public-ip-enabled.yaml")));
        assertEquals(
                2,
                run(
                        "check",
                        "--rule-parameters",
                        "{\"exemptEcsServiceArn\":\"x\"}",
                        event("cfn-service-public-ip-enabled.yaml")));
        assertEquals(2, run("check"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(4, err.toString(StandardCharsets.UTF_8).lines().count());
        assertTrue(err.toString(StandardCharsets.UTF_8)
                .startsWith("error: --format: must be table, json, sarif, junit, got 'xml'"));
    }
}
