package dev.ecspublicip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.process.CliProcess;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Reply;
import dev.ecspublicip.testing.sts.StsStandIn;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
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

    private final EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
    private final Ec2StandIn ec2 = new Ec2StandIn();
    private final StsStandIn sts = new StsStandIn();

    @AfterEach
    void tearDown() {
        ecs.close();
        ec2.close();
        sts.close();
    }

    private CliProcess.Result remediate(String... args) throws Exception {
        Map<String, String> environment = new HashMap<>(CliProcess.awsEnvironment(URI.create("http://127.0.0.1:9")));
        environment.put("AWS_ENDPOINT_URL_ECS", ecs.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_EC2", ec2.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        List<String> arguments = new ArrayList<>(List.of("remediate"));
        arguments.addAll(List.of(args));
        return CliProcess.run(environment, arguments.toArray(String[]::new));
    }

    private static JsonObject json(CliProcess.Result run) {
        return JsonParser.parseString(run.stdout()).getAsJsonObject();
    }

    private void service(String controller) {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", controller);
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
        ecs.addService(service);
        ec2.subnet("subnet-a", "vpc-1")
                .routeTable("rtb-1", "vpc-1", true, List.of(), Ec2StandIn.Route.natGateway("nat-1"));
    }

    @Test
    void remediatesAndPrintsTheResultWithExitZero() throws Exception {
        service("ECS");

        CliProcess.Result run = remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN);

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("REMEDIATED", json(run).get("outcome").getAsString());
        assertEquals(1, ecs.calls("UpdateService").size());
        ecs.assertNoViolations();
        ec2.assertNoViolations();
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        service("ECS");

        CliProcess.Result run = remediate(
                "--dry-run", "--resource-id", ARN, "--resource-type", "AWS::ECS::Service", "--allow-egress-loss");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("PLANNED", json(run).get("outcome").getAsString());
        assertEquals(List.of(), ecs.calls("UpdateService"));
    }

    @Test
    void aRefusalExitsWithThreeAndStillPrintsTheResult() throws Exception {
        service("CODE_DEPLOY");

        CliProcess.Result run = remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN);

        assertEquals(3, run.exitCode(), run.stderr());
        assertEquals("REFUSED", json(run).get("outcome").getAsString());
    }

    @Test
    void reasonsAndErrorsNameTheOptionsNotTheRunbooksParameters() throws Exception {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of("sg-1")));
        ecs.addService(service);
        ec2.subnet("subnet-a", "vpc-1")
                .routeTable("rtb-1", "vpc-1", true, List.of(), Ec2StandIn.Route.internetGateway("igw-1"));

        CliProcess.Result refused = remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN);
        assertEquals(3, refused.exitCode(), refused.stderr());
        String reason = json(refused).get("reason").getAsString();
        assertTrue(reason.contains("or rerun with --allow-egress-loss to accept the loss."), reason);
        assertTrue(!reason.contains("AllowEgressLoss"), reason);

        CliProcess.Result allowed =
                remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN, "--allow-egress-loss");
        assertEquals(0, allowed.exitCode(), allowed.stderr());
        String went = json(allowed).get("reason").getAsString();
        assertTrue(went.contains("--allow-egress-loss was given, so this went ahead although: "), went);

        CliProcess.Result mismatch = remediate("--resource-type", "AWS::ECS::TaskSet", "--resource-id", ARN);
        assertEquals(2, mismatch.exitCode());
        assertEquals(
                "error: --resource-id: is an ECS service ARN but --resource-type is AWS::ECS::TaskSet\n",
                mismatch.stderr());
    }

    @Test
    void badInputExitsWithTwoNamingTheOptionAndCallsNothing() throws Exception {
        CliProcess.Result unknownType = remediate("--resource-type", "AWS::EC2::Instance", "--resource-id", "i-1");
        assertEquals(2, unknownType.exitCode());
        assertEquals("", unknownType.stdout());
        assertEquals(
                "error: --resource-type: must be AWS::ECS::Service or AWS::ECS::TaskSet, got 'AWS::EC2::Instance'\n",
                unknownType.stderr());

        CliProcess.Result missingId = remediate("--resource-type", "AWS::ECS::Service");
        assertEquals(2, missingId.exitCode());
        assertEquals("error: --resource-id: is required\n", missingId.stderr());

        CliProcess.Result unknownOption =
                remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN, "--force");
        assertEquals(2, unknownOption.exitCode());
        assertTrue(
                unknownOption.stderr().startsWith("error: --force: is not an option of remediate"),
                unknownOption.stderr());
        assertEquals(List.of(), ecs.calls());
    }

    @Test
    void anAwsFailureExitsWithFourOnOneLineNamingTheCall() throws Exception {
        service("ECS");
        ecs.on(
                "UpdateService",
                call -> Reply.error(
                        400, "AccessDeniedException", "User is not authorized to perform ecs:UpdateService"));

        CliProcess.Result run = remediate("--resource-type", "AWS::ECS::Service", "--resource-id", ARN);

        assertEquals(4, run.exitCode());
        assertEquals("", run.stdout());
        assertEquals(1, run.stderr().lines().count(), run.stderr());
        assertTrue(run.stderr().length() <= 301, run.stderr());
        assertTrue(run.stderr().startsWith("error: "), run.stderr());
        assertTrue(
                run.stderr()
                        .contains("UpdateService (ecs, us-east-1) failed: AccessDeniedException: User is not"
                                + " authorized to perform ecs:UpdateService"),
                run.stderr());
    }

    @Test
    void anArnOfAnotherAccountExitsWithTwoNamingResourceIdAndCallsNoEcs() throws Exception {
        JsonObject service = EcsStandIn.serviceJson("prod", "canary", "EXTERNAL");
        ecs.addService(service);
        JsonObject taskSet = EcsStandIn.taskSetJson("prod", "canary", "ecs-svc/7345869273412391028", "PRIMARY");
        taskSet.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of()));
        ecs.addTaskSet(taskSet);
        String elsewhere = "arn:aws:ecs:us-east-1:999999999999:task-set/prod/canary/ecs-svc/7345869273412391028";

        CliProcess.Result run = remediate("--resource-type", "AWS::ECS::TaskSet", "--resource-id", elsewhere);

        assertEquals(2, run.exitCode(), run.stderr());
        assertEquals("", run.stdout());
        assertTrue(
                run.stderr().startsWith("error: --resource-id: names an ECS resource in account 999999999999"),
                run.stderr());
        assertEquals(1, run.stderr().strip().lines().count(), run.stderr());
        assertEquals(List.of(), ecs.calls());
        assertEquals(1, sts.calls().size(), "the account is STS's answer");
        sts.assertNoViolations();
    }

    @Test
    void anArnOfAnotherRegionThanTheConfiguredOneExitsWithTwo() throws Exception {
        service("ECS");

        CliProcess.Result run = remediate(
                "--resource-type",
                "AWS::ECS::Service",
                "--resource-id",
                "arn:aws:ecs:eu-west-1:123456789012:service/prod/web");

        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("acts only in account 123456789012 in region us-east-1"), run.stderr());
        assertEquals(List.of(), ecs.calls());
    }
}
