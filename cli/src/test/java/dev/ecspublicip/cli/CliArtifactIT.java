package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.process.RemediationStandIns;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The CLI jar (run after {@code package}): {@code remediate} runs from cli/target/ecs-public-ip-rule.jar alone, and
 * it carries picocli as built by third-party/picocli.
 */
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

    /** Release 17 is class-file version 61: the split verifier, and classes CDS can archive (docs/performance.md). */
    @Test
    void theCliJarCarriesPicocliCompiledAtRelease17WithItsLicence() throws IOException {
        try (ZipFile jar = new ZipFile(CLI_JAR.toFile())) {
            List<String> older = new ArrayList<>();
            int classes = 0;
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().startsWith("picocli/") && entry.getName().endsWith(".class")) {
                    classes++;
                    if (majorVersion(jar, entry) != 61) {
                        older.add(entry.getName());
                    }
                }
            }
            assertTrue(classes > 100, "picocli's classes in the jar: " + classes);
            assertEquals(List.of(), older);
            assertNotNull(jar.getEntry("META-INF/picocli-LICENSE"));
            assertNotNull(jar.getEntry("META-INF/picocli-NOTICE"));
        }
    }

    private static int majorVersion(ZipFile jar, ZipEntry entry) throws IOException {
        try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
            in.readInt(); // 0xCAFEBABE
            in.readUnsignedShort(); // minor version
            return in.readUnsignedShort();
        }
    }
}
