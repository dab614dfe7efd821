package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.CliProcess;
import dev.ecspublicip.testing.ConfigStandIn;
import dev.ecspublicip.testing.Ec2StandIn;
import dev.ecspublicip.testing.EcsStandIn;
import dev.ecspublicip.testing.JsonProtocolStandIn.Reply;
import dev.ecspublicip.testing.LambdaRunner;
import dev.ecspublicip.testing.MutableClock;
import dev.ecspublicip.testing.Reference;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final Path REMEDIATION_JAR = Reference.projectDir().resolve("remediation/target/remediation-lambda.jar");
    private static final String SERVICE_ARN = EcsStandIn.serviceArn("prod", "web");
    private static final String CONFIG_ID = SERVICE_ARN + "|prod";

    private final ConfigStandIn config = new ConfigStandIn();
    private final EcsStandIn ecs = new EcsStandIn(new MutableClock(Instant.parse("2026-11-20T15:00:00Z")));
    private final Ec2StandIn ec2 = new Ec2StandIn();

    @AfterEach
    void tearDown() {
        config.assertNoViolations();
        ecs.assertNoViolations();
        ec2.assertNoViolations();
        config.close();
        ecs.close();
        ec2.close();
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(CliProcess.awsEnvironment(config.endpoint()));
        environment.put("AWS_ENDPOINT_URL_ECS", ecs.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_EC2", ec2.endpoint().toString());
        return environment;
    }

    private void publicService() {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
        ecs.addService(service);
        ec2.subnet("subnet-a", "vpc-1").routeTable("rtb-1", "vpc-1", true, List.of(), Ec2StandIn.Route.natGateway("nat-1"));
        JsonObject item = new JsonObject();
        item.addProperty("resourceType", "AWS::ECS::Service");
        item.addProperty("resourceId", CONFIG_ID);
        item.addProperty("arn", SERVICE_ARN);
        item.addProperty("configurationItemStatus", "OK");
        item.addProperty("configurationItemCaptureTime", 1.763647407518E9);
        item.addProperty("configuration", "{\"Cluster\": \"prod\", \"ServiceName\": \"web\"}");
        JsonObject response = new JsonObject();
        JsonArray items = new JsonArray();
        items.add(item);
        response.add("baseConfigurationItems", items);
        config.on("BatchGetResourceConfig", call -> Reply.ok(response));
    }

    @Test
    void theRemediationArtifactCarriesTheHandlerAndTheEc2SdkButNoEvaluatorCliStsOrYaml() throws IOException {
        try (JarFile jar = new JarFile(REMEDIATION_JAR.toFile())) {
            for (String needed : List.of("dev/ecspublicip/remediation/RemediationHandler.class",
                    "software/amazon/awssdk/services/ec2/Ec2Client.class",
                    "software/amazon/awssdk/services/ecs/EcsClient.class",
                    "software/amazon/awssdk/services/config/ConfigClient.class",
                    "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                    "com/amazonaws/services/lambda/runtime/RequestStreamHandler.class")) {
                assertTrue(jar.getEntry(needed) != null, needed + " is missing");
            }
            List<String> unwanted = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("dev/ecspublicip/cli/") || name.startsWith("dev/ecspublicip/scan/")
                            || name.startsWith("dev/ecspublicip/event/") || name.startsWith("dev/ecspublicip/sweep/")
                            || name.startsWith("dev/ecspublicip/lambda/") || name.startsWith("dev/ecspublicip/testing/")
                            || name.startsWith("org/crac/") || name.startsWith("org/apache/http/")
                            || name.startsWith("io/netty/") || name.startsWith("software/amazon/awssdk/http/apache/")
                            || name.startsWith("software/amazon/awssdk/http/nio/netty/")
                            || name.startsWith("software/amazon/awssdk/services/sts/")
                            || name.startsWith("dev/ecspublicip/check/") || name.startsWith("org/yaml/snakeyaml/"))
                    .toList();
            assertEquals(List.of(), unwanted);
        }
    }

    @Test
    void theRemediationArtifactRunsOnItsOwnAsLambdaRunsIt() throws Exception {
        publicService();
        String event = Harness.event("AWS::ECS::Service", CONFIG_ID, false, false).toString();

        CliProcess.Result run = CliProcess.runJava(environment(), event, List.of("-cp",
                REMEDIATION_JAR + File.pathSeparator + Path.of(LambdaRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                LambdaRunner.class.getName(),
                RemediationHandler.class.getName()));

        assertEquals(0, run.exitCode(), run.stderr());
        JsonObject result = JsonParser.parseString(run.stdout()).getAsJsonObject();
        assertEquals("REMEDIATED", result.get("outcome").getAsString(), result.toString());
        assertEquals(1, config.calls("BatchGetResourceConfig").size());
        assertEquals(1, ecs.calls("UpdateService").size());
        assertFalse(ec2.calls("DescribeRouteTables").isEmpty());
    }
}
