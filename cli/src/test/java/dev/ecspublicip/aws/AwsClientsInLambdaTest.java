package dev.ecspublicip.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.lambda.ContainerCredentialsStandIn;
import dev.ecspublicip.testing.process.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link AwsClients} sets clients up inside Lambda, seen from a fresh JVM (the CLI's {@code invoke} runs
 * the handler with the same clients) given the environment Lambda gives a function: no profile file is
 * read, the credentials are the environment's on an on-demand start, and the default chain's (which
 * then reads the container credentials endpoint) under SnapStart.
 */
class AwsClientsInLambdaTest {
    private final ConfigStandIn config = new ConfigStandIn();

    @TempDir
    Path home;

    @AfterEach
    void close() {
        config.close();
    }

    @Test
    void inLambdaNoProfileFileIsRead() throws Exception {
        Path profile = Files.writeString(home.resolve("config"), "[default]\nsdk_ua_app_id = from-profile-file\n");
        Map<String, String> outside = new HashMap<>(CliProcess.awsEnvironment(config.endpoint()));
        outside.put("AWS_CONFIG_FILE", profile.toString());
        Map<String, String> lambda = new HashMap<>(outside);
        lambda.put("AWS_LAMBDA_FUNCTION_NAME", "ecs-public-ip-rule-evaluator");

        assertEquals(0, invoke(outside).exitCode());
        assertEquals(0, invoke(lambda).exitCode());

        assertTrue(
                userAgent(0).contains("app/from-profile-file"), "outside Lambda the profile is read: " + userAgent(0));
        assertFalse(userAgent(1).contains("from-profile-file"), "in Lambda no profile is read: " + userAgent(1));
    }

    @Test
    void onDemandStartsSignWithTheEnvironmentsCredentialsAndSnapStartWithTheContainerEndpoints() throws Exception {
        try (ContainerCredentialsStandIn container = new ContainerCredentialsStandIn("ASIAFROMCONTAINER")) {
            Map<String, String> environment = new HashMap<>(CliProcess.awsEnvironment(config.endpoint()));
            environment.put("AWS_LAMBDA_FUNCTION_NAME", "ecs-public-ip-rule-evaluator");
            environment.put(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", container.uri().toString());
            Map<String, String> snapStart = new HashMap<>(environment);
            snapStart.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            snapStart.remove("AWS_ACCESS_KEY_ID");
            snapStart.remove("AWS_SECRET_ACCESS_KEY");

            CliProcess.Result onDemand = invoke(environment);
            int containerRequestsOnDemand = container.requests();
            CliProcess.Result restored = invoke(snapStart);

            assertEquals(0, onDemand.exitCode(), onDemand.stderr());
            assertEquals(0, restored.exitCode(), restored.stderr());
            assertTrue(authorization(0).contains("Credential=AKIDTEST/"), authorization(0));
            assertEquals(0, containerRequestsOnDemand, "an on-demand start needs no credentials endpoint");
            assertTrue(authorization(1).contains("Credential=ASIAFROMCONTAINER/"), authorization(1));
        }
    }

    private static CliProcess.Result invoke(Map<String, String> environment) throws Exception {
        return CliProcess.run(
                environment,
                "invoke",
                Reference.testEvents().resolve("service-public-ip-enabled.json").toString());
    }

    private String userAgent(int call) {
        return config.calls("PutEvaluations")
                .get(call)
                .headers()
                .get("User-agent")
                .get(0);
    }

    private String authorization(int call) {
        return config.calls("PutEvaluations")
                .get(call)
                .headers()
                .get("Authorization")
                .get(0);
    }
}
