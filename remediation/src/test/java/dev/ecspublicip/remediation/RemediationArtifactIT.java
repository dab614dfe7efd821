package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.lambda.LambdaRunner;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.process.RemediationStandIns;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The remediation function's artifact (run after {@code package}): remediation/target/remediation-lambda.jar
 * carries the remediation handler and the ECS and EC2 SDKs but no evaluator or CLI code and no STS, and
 * runs on its own as Lambda would run it. (That the CLI jar runs {@code remediate} is pinned in the cli
 * module, which is built after this one.)
 */
class RemediationArtifactIT {
    private static final Path REMEDIATION_JAR =
            Reference.projectDir().resolve("remediation/target/remediation-lambda.jar");

    private final RemediationStandIns aws = new RemediationStandIns();

    @AfterEach
    void tearDown() {
        aws.close();
    }

    @Test
    void theRemediationArtifactCarriesTheHandlerAndTheEc2SdkButNoEvaluatorCliStsOrYaml() throws IOException {
        try (JarFile jar = new JarFile(REMEDIATION_JAR.toFile())) {
            for (String needed : List.of(
                    "dev/ecspublicip/remediation/RemediationHandler.class",
                    "software/amazon/awssdk/services/ec2/Ec2Client.class",
                    "software/amazon/awssdk/services/ecs/EcsClient.class",
                    "software/amazon/awssdk/services/config/ConfigClient.class",
                    "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                    "com/amazonaws/services/lambda/runtime/RequestStreamHandler.class")) {
                assertTrue(jar.getEntry(needed) != null, needed + " is missing");
            }
            List<String> unwanted = jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith("dev/ecspublicip/cli/")
                            || name.startsWith("dev/ecspublicip/scan/")
                            || name.startsWith("dev/ecspublicip/event/")
                            || name.startsWith("dev/ecspublicip/sweep/")
                            || name.startsWith("dev/ecspublicip/lambda/")
                            || name.startsWith("dev/ecspublicip/testing/")
                            || name.startsWith("org/crac/")
                            || name.startsWith("org/apache/http/")
                            || name.startsWith("io/netty/")
                            || name.startsWith("software/amazon/awssdk/http/apache/")
                            || name.startsWith("software/amazon/awssdk/http/nio/netty/")
                            || name.startsWith("software/amazon/awssdk/services/sts/")
                            || name.startsWith("dev/ecspublicip/check/")
                            || name.startsWith("org/yaml/snakeyaml/"))
                    .toList();
            assertEquals(List.of(), unwanted);
        }
    }

    @Test
    void theRemediationArtifactRunsOnItsOwnAsLambdaRunsIt() throws Exception {
        aws.withPublicService();
        String event = Harness.event("AWS::ECS::Service", RemediationStandIns.CONFIG_ID, false, false)
                .toString();

        CliProcess.Result run = CliProcess.runJava(
                aws.environment(),
                event,
                List.of(
                        "-cp",
                        REMEDIATION_JAR
                                + File.pathSeparator
                                + Path.of(LambdaRunner.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI()),
                        LambdaRunner.class.getName(),
                        RemediationHandler.class.getName()));

        assertEquals(0, run.exitCode(), run.stderr());
        JsonObject result = JsonParser.parseString(run.stdout()).getAsJsonObject();
        assertEquals("REMEDIATED", result.get("outcome").getAsString(), result.toString());
        assertEquals(1, aws.config.calls("BatchGetResourceConfig").size());
        assertEquals(1, aws.ecs.calls("UpdateService").size());
        assertFalse(aws.ec2.calls("DescribeRouteTables").isEmpty());
    }
}
