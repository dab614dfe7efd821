package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.ecspublicip.testing.Ec2StandIn;
import dev.ecspublicip.testing.EcsStandIn;
import dev.ecspublicip.testing.JavaProcess;
import dev.ecspublicip.testing.JsonProtocolStandIn.Reply;
import dev.ecspublicip.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code remediate} as a user runs it: a separate JVM with the standard environment (AWS_REGION,
 * credentials and AWS_ENDPOINT_URL_* in the environment) against loopback ECS and EC2 stand-ins.
 */
class RemediateCommandTest {
    private static final String ARN = EcsStandIn.serviceArn("prod", "web");

    private final EcsStandIn ecs = new EcsStandIn(new MutableClock(Instant.parse("2026-11-20T15:00:00Z")));
    private final Ec2StandIn ec2 = new Ec2StandIn();

    @AfterEach
    void tearDown() {
        ecs.close();
        ec2.close();
    }

    private JavaProcess.Result remediate(String... args) throws Exception {
        Map<String, String> endpoints = Map.of(
                "AWS_ENDPOINT_URL_ECS", ecs.endpoint().toString(),
                "AWS_ENDPOINT_URL_EC2", ec2.endpoint().toString(),
                "AWS_ENDPOINT_URL_CONFIG_SERVICE", "http://127.0.0.1:9");
        List<String> arguments = new ArrayList<>(List.of("remediate"));
        arguments.addAll(List.of(args));
        return JavaProcess.run(JavaProcess.testClassPath(), Main.class.getName(), endpoints, "",
                arguments.toArray(String[]::new));
    }

    private void service(String controller) {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", controller);
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
        ecs.addService(service);
        ec2.subnet("subnet-a", "vpc-1").routeTable("rtb-1", "vpc-1", true, List.of(),
                Ec2StandIn.Route.natGateway("nat-1"));
    }

    @Test
    void remediatesAndPrintsTheResultWithExitZero() throws Exception {
        service("ECS");

        JavaProcess.Result run = remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN);

        assertEquals(0, run.exit(), run.err());
        assertEquals("REMEDIATED", run.json().get("outcome").getAsString());
        assertEquals(1, ecs.calls("UpdateService").size());
        ecs.assertNoViolations();
        ec2.assertNoViolations();
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        service("ECS");

        JavaProcess.Result run = remediate("--dry-run", "--resource-id", ARN, "--resource-type", "AWS::ECS::Service", "--allow-egress-loss");

        assertEquals(0, run.exit(), run.err());
        assertEquals("PLANNED", run.json().get("outcome").getAsString());
        assertEquals(List.of(), ecs.calls("UpdateService"));
    }

    @Test
    void aRefusalExitsWithThreeAndStillPrintsTheResult() throws Exception {
        service("CODE_DEPLOY");

        JavaProcess.Result run = remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN);

        assertEquals(3, run.exit(), run.err());
        assertEquals("REFUSED", run.json().get("outcome").getAsString());
    }

    @Test
    void badInputExitsWithTwoNamingTheOptionAndCallsNothing() throws Exception {
        JavaProcess.Result unknownType = remediate("--resource-type", "AWS::EC2::Instance", "--resource-id", "i-1");
        assertEquals(2, unknownType.exit());
        assertEquals("", unknownType.out());
        assertEquals("error: --resource-type: must be AWS::ECS::Service or AWS::ECS::TaskSet, got 'AWS::EC2::Instance'",
                unknownType.err());

        JavaProcess.Result missingId = remediate("--resource-type", "AWS::ECS::Service");
        assertEquals(2, missingId.exit());
        assertEquals("error: --resource-id: is required", missingId.err());

        JavaProcess.Result unknownOption = remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN, "--force");
        assertEquals(2, unknownOption.exit());
        assertTrue(unknownOption.err().startsWith("error: --force: is not an option of remediate"), unknownOption.err());
        assertEquals(List.of(), ecs.calls());
    }

    @Test
    void anAwsFailureExitsWithOne() throws Exception {
        service("ECS");
        ecs.on("UpdateService", call -> Reply.error(400, "AccessDeniedException", "User is not authorized to perform ecs:UpdateService"));

        JavaProcess.Result run = remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN);

        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: User is not authorized to perform ecs:UpdateService"), run.err());
    }
}
