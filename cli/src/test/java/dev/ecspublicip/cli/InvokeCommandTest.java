package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code invoke} in a fresh JVM configured only through the standard environment: AWS_ENDPOINT_URL,
 * AWS_REGION and credentials in environment variables, as a user would run it.
 */
class InvokeCommandTest {
    private final ConfigStandIn config = new ConfigStandIn();

    @AfterEach
    void close() {
        config.close();
    }

    @Test
    void invokePutsThroughTheEnvironmentsEndpointAndPrintsWhatItPut() throws Exception {
        CliProcess.Result result = CliProcess.run(
                CliProcess.awsEnvironment(config.endpoint()), "invoke", event("taskset-public-ip-enabled"));

        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(
                Files.readString(Reference.testEvents().resolve("taskset-public-ip-enabled.expected.jsonl")),
                result.stdout());
        assertEquals(1, config.calls("PutEvaluations").size());
        String authorization = config.calls("PutEvaluations")
                .get(0)
                .headers()
                .get("Authorization")
                .get(0);
        assertTrue(authorization.contains("Credential=AKIDTEST/"), authorization);
        assertTrue(authorization.contains("/us-east-1/config/aws4_request"), authorization);
        config.assertNoViolations();
    }

    @Test
    void badInputExitsWith2AndPutsNothing() throws Exception {
        CliProcess.Result result = CliProcess.run(
                CliProcess.awsEnvironment(config.endpoint()), "invoke", event("bad-rule-parameter-malformed-arn"));

        assertEquals(2, result.exitCode());
        assertEquals("", result.stdout());
        assertTrue(
                result.stderr()
                        .contains(
                                "error: " + event("bad-rule-parameter-malformed-arn")
                                        + ": ruleParameters.exemptEcsServiceArns: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'"),
                result.stderr());
        assertEquals(0, config.calls().size());
    }

    @Test
    void awsFailureExitsWith4NamingTheCallAndTheServicesAnswer() throws Exception {
        config.on("PutEvaluations", call -> Reply.error(400, "NoSuchConfigRuleException", "rule was deleted"));

        CliProcess.Result result = CliProcess.run(
                CliProcess.awsEnvironment(config.endpoint()), "invoke", event("service-public-ip-enabled"));

        assertEquals(4, result.exitCode());
        assertEquals("", result.stdout());
        assertEquals(
                "error: PutEvaluations (config, us-east-1) failed: NoSuchConfigRuleException: rule was deleted\n",
                result.stderr());
    }

    @Test
    void missingRegionIsOneActionableLineAndExit4() throws Exception {
        Map<String, String> environment = new HashMap<>(CliProcess.awsEnvironment(config.endpoint()));
        environment.remove("AWS_REGION");

        CliProcess.Result result = CliProcess.run(environment, "invoke", event("service-public-ip-enabled"));

        assertEquals(4, result.exitCode());
        assertEquals("error: no AWS region: set AWS_REGION or pass --region\n", result.stderr());
        assertEquals("", result.stdout());
        assertEquals(0, config.calls().size());
    }

    private static String event(String name) {
        return Reference.testEvents().resolve(name + ".json").toString();
    }
}
