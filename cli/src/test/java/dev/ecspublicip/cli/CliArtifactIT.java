package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.CliProcess;
import dev.ecspublicip.testing.ConfigStandIn;
import dev.ecspublicip.testing.Ec2StandIn;
import dev.ecspublicip.testing.EcsStandIn;
import dev.ecspublicip.testing.JsonProtocolStandIn.Reply;
import dev.ecspublicip.testing.MutableClock;
import dev.ecspublicip.testing.Reference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CLI jar (run after {@code package}): {@code remediate} runs from cli/target/ecs-public-ip-rule.jar alone. */
class CliArtifactIT {
    private static final Path CLI_JAR = Reference.projectDir().resolve("cli/target/ecs-public-ip-rule.jar");
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

    @Test
    void theCliJarRunsRemediate() throws Exception {
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
        Map<String, String> environment = new HashMap<>(CliProcess.awsEnvironment(config.endpoint()));
        environment.put("AWS_ENDPOINT_URL_ECS", ecs.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_EC2", ec2.endpoint().toString());

        CliProcess.Result run = CliProcess.runJava(environment, "", List.of("-jar", CLI_JAR.toString(), "remediate",
                "--resource-type", "AWS::ECS::Service", "--resource-id", CONFIG_ID, "--dry-run"));

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("PLANNED", JsonParser.parseString(run.stdout()).getAsJsonObject().get("outcome").getAsString());
        assertEquals(List.of(), ecs.calls("UpdateService"));
    }
}
