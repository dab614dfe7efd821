package dev.ecspublicip.remediation;

import static dev.ecspublicip.remediation.Harness.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input fails with one line naming the field, before anything in ECS is touched. */
class RemediationInputTest {
    private final Harness harness = new Harness().natNetwork();

    @AfterEach
    void nothingWasChanged() {
        assertEquals(List.of(), harness.ecsWrites());
        harness.assertNoViolations();
        harness.close();
    }

    private String fails(String event) {
        BadInputException error = assertThrows(
                BadInputException.class,
                () -> harness.invoke(event, new TestContext().invokedAs(Harness.FUNCTION_ARN)));
        return error.getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                              | event: is not valid JSON: malformed JSON at line 1 column 1 path $
            []                                                                    | event: must be a JSON object, got an array
            {"ResourceId": "x"}                                                   | ResourceType: is missing
            {"ResourceType": "AWS::EC2::Instance", "ResourceId": "i-1"}           | ResourceType: must be AWS::ECS::Service or AWS::ECS::TaskSet, got 'AWS::EC2::Instance'
            {"ResourceType": "AWS::ECS::Service"}                                 | ResourceId: is missing
            {"ResourceType": "AWS::ECS::Service", "ResourceId": " x"}             | ResourceId: must be 1 to 768 characters without surrounding spaces or control characters, got ' x'
            {"ResourceType": "AWS::ECS::Service", "ResourceId": 7}                | ResourceId: must be a string, got a number
            {"ResourceType": "AWS::ECS::Service", "ResourceId": "x", "DryRun": "yes"} | DryRun: must be true or false, got 'yes'
            {"ResourceType": "AWS::ECS::Service", "ResourceId": "x", "AllowEgressLoss": 1} | AllowEgressLoss: must be a boolean, got a number
            {"ResourceType": "AWS::ECS::Service", "ResourceId": "x", "DryRun": "TRU\u0130"} | DryRun: must be true or false, got 'TRUİ'
            {"ResourceType": "AWS::ECS::Service", "ResourceId": "x", "DryRun": false, "DryRun": true} | DryRun: duplicate key
            {"ResourceType": "AWS::ECS::Service", "ResourceId": "x", "DryRunn": true} | DryRunn: is not an input of the remediation function (expected ResourceId, ResourceType, DryRun, AllowEgressLoss)
            """)
    void malformedInputIsRejectedBeforeAnyCall(String event, String message) {
        assertEquals(message, fails(event));
        assertEquals(List.of(), harness.config.calls());
        assertEquals(List.of(), harness.ecs.calls());
    }

    @Test
    void anIdLongerThanConfigAllowsIsRejectedAndShownCutWithItsLength() {
        String event = Harness.event("AWS::ECS::Service", "x".repeat(769), false, false)
                .toString();

        assertEquals(
                "ResourceId: must be 1 to 768 characters without surrounding spaces or control characters, got '"
                        + "x".repeat(100) + "…' (769 characters)",
                fails(event));
    }

    @ParameterizedTest
    @CsvSource({"0000", "0007", "001b", "007f", "202e", "2066", "200e", "2028"})
    void anIdWithAControlOrBidirectionalCharacterIsRejectedAndShownEscaped(String hex) {
        String id = "arn:aws:ecs:us-east-1:123456789012:service/prod/w" + (char) Integer.parseInt(hex, 16) + "b";
        String event = Harness.event("AWS::ECS::Service", id, false, false).toString();

        String message = fails(event);

        assertTrue(
                message.startsWith("ResourceId: must be 1 to 768 characters without surrounding spaces or control"
                        + " characters, got 'arn:aws:ecs:us-east-1:123456789012:service/prod/w\\u" + hex.toUpperCase()
                        + "b'"),
                message);
        assertEquals(List.of(), harness.config.calls());
    }

    @Test
    void anIdConfigDoesNotKnowIsNamedInTheError() {
        String event = Harness.event(
                        "AWS::ECS::Service", "arn:aws:ecs:us-east-1:123456789012:service/prod/gone|prod", false, false)
                .toString();

        assertEquals(
                "ResourceId: AWS Config has no current configuration item for AWS::ECS::Service"
                        + " 'arn:aws:ecs:us-east-1:123456789012:service/prod/gone|prod' (not a resource id Config recorded, or"
                        + " the resource was deleted); pass the id Config shows, or the ECS ARN",
                fails(event));
        assertEquals(List.of(), harness.ecs.calls());
    }

    @Test
    void anArnOfTheOtherKindIsRejected() {
        String taskSetArn = EcsStandIn.taskSetArn("prod", "canary", "ecs-svc/1");

        assertEquals(
                "ResourceId: is an ECS task-set ARN but ResourceType is AWS::ECS::Service",
                fails(Harness.event("AWS::ECS::Service", taskSetArn, false, false)
                        .toString()));
        assertEquals(
                "ResourceId: is an ECS service ARN but ResourceType is AWS::ECS::TaskSet",
                fails(Harness.event("AWS::ECS::TaskSet", EcsStandIn.serviceArn("prod", "web"), false, false)
                        .toString()));
        assertEquals(List.of(), harness.config.calls());
    }

    @Test
    void anOldFormatServiceArnWithoutItsClusterIsRejected() {
        String message =
                fails(Harness.event("AWS::ECS::Service", "arn:aws:ecs:us-east-1:123456789012:service/web", false, false)
                        .toString());

        assertEquals(
                "ResourceId: is an old-format service ARN that does not name its cluster; pass the AWS Config"
                        + " resource id, or the ARN of the form ...:service/CLUSTER/SERVICE",
                message);
    }

    @Test
    void aConfigRecordWithoutItsClusterIsNamedInTheError() {
        harness.recordInConfig(
                "AWS::ECS::TaskSet",
                "prod|canary|ecs-svc/1",
                null,
                "ecs-svc/1",
                JsonParser.parseString("{\"Service\": \"canary\", \"Id\": \"ecs-svc/1\"}")
                        .getAsJsonObject());

        assertEquals(
                "BatchGetResourceConfig.baseConfigurationItems[0].configuration.Cluster: is missing",
                fails(Harness.event("AWS::ECS::TaskSet", "prod|canary|ecs-svc/1", false, false)
                        .toString()));
        assertEquals(List.of(), harness.ecs.calls());
    }

    @Test
    void flagsSentAsStringsAreRead() {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of()));
        harness.ecs.addService(service);

        JsonObject result = harness.invoke(
                """
                {"ResourceType": "AWS::ECS::Service", "ResourceId": "%s", "DryRun": "True", "AllowEgressLoss": "false"}
                """.formatted(EcsStandIn.serviceArn("prod", "web")), new TestContext().invokedAs(Harness.FUNCTION_ARN));

        assertEquals("PLANNED", outcome(result));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            AWS::ECS::TaskSet | arn:aws:ecs:us-east-1:999999999999:task-set/prod/canary/ecs-svc/7345869273412391028 | account 999999999999 in region us-east-1
            AWS::ECS::Service | arn:aws:ecs:eu-west-1:123456789012:service/prod/web                                  | account 123456789012 in region eu-west-1
            AWS::ECS::Service | arn:aws-cn:ecs:us-east-1:123456789012:service/prod/web                               | (partition aws-cn)
            """)
    void anArnOfAnotherAccountRegionOrPartitionIsRefusedBeforeAnyEcsCall(String type, String arn, String named) {
        // The same-named resources exist here: before the check, the task set was mapped onto this account's.
        harness.ecs.addService(EcsStandIn.serviceJson("prod", "canary", "EXTERNAL"));
        JsonObject taskSet = EcsStandIn.taskSetJson("prod", "canary", "ecs-svc/7345869273412391028", "PRIMARY");
        taskSet.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of()));
        harness.ecs.addTaskSet(taskSet);
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of()));
        harness.ecs.addService(service);
        String event = Harness.event(type, arn, false, false).toString();

        BadInputException error = assertThrows(
                BadInputException.class,
                () -> harness.invoke(event, new TestContext().invokedAs(Harness.FUNCTION_ARN)));

        assertEquals(RemediationRequest.RESOURCE_ID, error.field());
        assertTrue(error.getMessage().contains(named), error.getMessage());
        assertTrue(
                error.getMessage().contains("acts only in account 123456789012 in region us-east-1"),
                error.getMessage());
        assertEquals(List.of(), harness.ecs.calls(), "no ECS call at all");
    }

    @Test
    void anArnOfTheFunctionsOwnAccountAndRegionIsAccepted() {
        JsonObject service = EcsStandIn.serviceJson("prod", "web", "ECS");
        service.add("networkConfiguration", EcsStandIn.awsvpc("ENABLED", List.of("subnet-a"), List.of()));
        harness.ecs.addService(service);

        JsonObject result = harness.remediate("AWS::ECS::Service", EcsStandIn.serviceArn("prod", "web"), true, false);

        assertEquals("PLANNED", outcome(result));
    }
}
