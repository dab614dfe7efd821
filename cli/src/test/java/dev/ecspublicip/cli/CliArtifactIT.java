package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.process.RemediationStandIns;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CLI jar (run after {@code package}): {@code remediate} runs from cli/target/ecs-public-ip-rule.jar alone. */
class CliArtifactIT {
    private static final Path CLI_JAR = Reference.projectDir().resolve("cli/target/ecs-public-ip-rule.jar");

    private final RemediationStandIns aws = new RemediationStandIns().withPublicService();

    @AfterEach
    void tearDown() {
        aws.close();
    }

    @Test
    void theCliJarRunsRemediate() throws Exception {
        CliProcess.Result run = CliProcess.runJava(
                aws.environment(),
                "",
                List.of(
                        "-jar",
                        CLI_JAR.toString(),
                        "remediate",
                        "--resource-type",
                        "AWS::ECS::Service",
                        "--resource-id",
                        RemediationStandIns.CONFIG_ID,
                        "--dry-run"));

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(
                "PLANNED",
                JsonParser.parseString(run.stdout())
                        .getAsJsonObject()
                        .get("outcome")
                        .getAsString());
        assertEquals(List.of(), aws.ecs.calls("UpdateService"));
    }
}
