package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The launchers' CloudFormation properties (the spellings of their registry schemas) read into launch points,
 * and AWS Config's EventBridge rule item, which records the same shape.
 */
class LauncherPropertiesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void anEventBridgeRuleHasOnePointPerEcsTargetNamedByItsId() {
        EcsResource rule = read("AWS::Events::Rule", """
                {"Name": "nightly", "Tags": [{"Key": "team", "Value": "data"}],
                 "Targets": [
                   {"Id": "lambda", "Arn": "arn:aws:lambda:eu-west-1:111122223333:function:f"},
                   {"Id": "private", "Arn": "arn:aws:ecs:eu-west-1:111122223333:cluster/prod",
                    "EcsParameters": {"TaskDefinitionArn": "td", "NetworkConfiguration":
                      {"AwsVpcConfiguration": {"AssignPublicIp": "DISABLED", "Subnets": ["subnet-1"]}}}},
                   {"Id": "public", "Arn": "arn:aws:ecs:eu-west-1:111122223333:cluster/prod",
                    "EcsParameters": {"TaskDefinitionArn": "td", "NetworkConfiguration":
                      {"AwsVpcConfiguration": {"AssignPublicIp": "ENABLED", "Subnets": ["subnet-2"]}}}}]}
                """);
        assertEquals(ResourceKind.EVENTS_RULE, rule.kind());
        assertEquals(Optional.of("nightly"), rule.name());
        assertEquals(Map.of("team", "data"), rule.tags());
        assertEquals(
                List.of("target 'private'", "target 'public'"),
                rule.launchPoints().stream().map(LaunchPoint::name).toList());
        Verdict verdict = judge(rule);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertEquals(
                "EventBridge rule 'nightly' could assign public IPs: set"
                        + " EcsParameters.NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp to DISABLED at target"
                        + " 'public' (ENABLED).",
                verdict.annotation());
    }

    @Test
    void anEventBridgeInputThatWritesTheNetworkIsKnownOnlyWhenTheRuleRuns() {
        EcsResource rule = read("AWS::Events::Rule", """
                {"Targets": [{"Id": "t", "Arn": "c", "EcsParameters": {"TaskDefinitionArn": "td"},
                  "InputTransformer": {"InputTemplate": "{\\"networkConfiguration\\": <net>}"}}]}
                """);
        Verdict verdict = judge(rule);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(
                verdict.annotation().contains("InputTransformer writes a network configuration"), verdict.annotation());
    }

    @Test
    void aScheduleReadsItsTargetsAwsvpcConfiguration() {
        EcsResource schedule = read("AWS::Scheduler::Schedule", """
                {"Name": "ci-run", "Target": {"Arn": "c", "RoleArn": "r", "EcsParameters": {"TaskDefinitionArn": "td",
                  "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "ENABLED", "Subnets": ["s"]}}}}}
                """);
        Verdict verdict = judge(schedule);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(
                verdict.annotation()
                        .contains(
                                "set Target.EcsParameters.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp to DISABLED at its target"),
                verdict.annotation());
        assertEquals(
                Compliance.NOT_APPLICABLE,
                judge(read("AWS::Scheduler::Schedule", "{\"Target\": {\"Arn\": \"arn:aws:sqs:eu-west-1:1:q\"}}"))
                        .compliance());
    }

    @Test
    void aPipesDynamicPathParameterIsKnownOnlyWhenThePipeRuns() {
        EcsResource pipe = read("AWS::Pipes::Pipe", """
                {"Name": "orders", "Tags": {"exempt": "no"}, "TargetParameters": {"EcsTaskParameters": {"TaskDefinitionArn": "td",
                  "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "$.detail.ip", "Subnets": ["s"]}}}}}
                """);
        Verdict verdict = judge(pipe);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(
                verdict.annotation()
                        .contains(
                                "at its target (set by the dynamic path parameter '$.detail.ip', known only at run time)"),
                verdict.annotation());
        assertEquals(Map.of("exempt", "no"), pipe.tags());
        EcsResource disabled = read("AWS::Pipes::Pipe", """
                {"TargetParameters": {"EcsTaskParameters": {"NetworkConfiguration":
                  {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED"}}}}}
                """);
        assertEquals(Compliance.COMPLIANT, judge(disabled).compliance());
    }

    @Test
    void aFargateJobDefinitionWithoutTheFlagIsCompliantAndEveryTaskPropertiesIsAPoint() {
        EcsResource container = read("AWS::Batch::JobDefinition", """
                {"JobDefinitionName": "etl", "Type": "container", "PlatformCapabilities": ["FARGATE"],
                 "ContainerProperties": {"Image": "i"}}
                """);
        assertEquals(Compliance.COMPLIANT, judge(container).compliance());
        EcsResource ec2 = read(
                "AWS::Batch::JobDefinition", "{\"Type\": \"container\", \"ContainerProperties\": {\"Image\": \"i\"}}");
        assertEquals(Compliance.NOT_APPLICABLE, judge(ec2).compliance());

        EcsResource tasks = read("AWS::Batch::JobDefinition", """
                {"JobDefinitionName": "etl", "PlatformCapabilities": ["FARGATE"], "EcsProperties": {"TaskProperties": [
                  {"NetworkConfiguration": {"AssignPublicIp": "DISABLED"}},
                  {"NetworkConfiguration": {"AssignPublicIp": "ENABLED"}}]}}
                """);
        Verdict verdict = judge(tasks);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(
                verdict.annotation()
                        .contains(
                                "set EcsProperties.TaskProperties[1].NetworkConfiguration.AssignPublicIp to DISABLED at TaskProperties[1] (ENABLED)"),
                verdict.annotation());
    }

    @Test
    void aValueKnownOnlyAtDeploymentIsUnresolvedInATemplate() {
        EcsResource rule = CloudFormationProperties.readTemplate(
                "AWS::Events::Rule",
                "Nightly",
                json("""
                        {"Targets": [{"Id": "t", "EcsParameters": {"NetworkConfiguration": {"AwsVpcConfiguration":
                          {"AssignPublicIp": "UNRESOLVED:Ref PublicIp"}}}}]}
                        """),
                Optional.empty(),
                "Resources.Nightly.Properties",
                value -> value.isJsonPrimitive() && value.getAsString().startsWith("UNRESOLVED:")
                        ? Optional.of(value.getAsString().substring("UNRESOLVED:".length()))
                        : Optional.empty());
        AwsvpcNetwork network = rule.launchPoints().get(0).awsvpc().orElseThrow();
        assertEquals(
                "set by Ref PublicIp, known only at deployment",
                network.unresolved().orElseThrow().reason());
    }

    @Test
    void aTargetOfTheWrongShapeIsBadInputNamingTheField() {
        BadInputException error = assertThrows(
                BadInputException.class,
                () -> read("AWS::Events::Rule", "{\"Targets\": [{\"Id\": \"t\", \"EcsParameters\": []}]}"));
        assertEquals("Properties.Targets[0].EcsParameters", error.field());
    }

    @Test
    void aLauncherIsExemptByTagAndReadsOnlyItsOwnProperties() {
        Rules rules = Rules.of(new RuleParameters(Set.of(), Optional.of("exempt")));
        EcsResource machine = read("AWS::StepFunctions::StateMachine", """
                {"StateMachineName": "jobs", "Tags": [{"Key": "exempt", "Value": "SEC-7"}], "Definition": {"States": {
                  "Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Parameters":
                    {"NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "ENABLED"}}}, "End": true}}}}
                """);
        assertTrue(rules.judge(machine, NOW).exempt());
        assertTrue(CloudFormationProperties.reads("AWS::StepFunctions::StateMachine", "definitionString"));
        assertFalse(CloudFormationProperties.reads("AWS::StepFunctions::StateMachine", "NetworkConfiguration"));
        assertTrue(CloudFormationProperties.reads("AWS::ECS::Service", "NetworkConfiguration"));
    }

    @Test
    void configRecordsAnEventBridgeRulesTargetsInTheSameShape() {
        JsonObject item = json("""
                {"resourceType": "AWS::Events::Rule", "resourceId": "nightly", "resourceName": "nightly",
                 "ARN": "arn:aws:events:eu-west-1:111122223333:rule/nightly",
                 "configurationItemCaptureTime": "2026-11-20T14:03:27.518Z", "configurationItemStatus": "OK",
                 "tags": {"team": "data"},
                 "configuration": {"Name": "nightly", "Targets": [{"Id": "job", "Arn": "c", "EcsParameters":
                   {"TaskDefinitionArn": "td", "NetworkConfiguration": {"AwsVpcConfiguration":
                     {"AssignPublicIp": "ENABLED", "Subnets": ["subnet-1"]}}}}]}}
                """);
        EcsResource rule = ConfigurationItemParser.parse(item, "item").resource();
        assertEquals(Optional.of("arn:aws:events:eu-west-1:111122223333:rule/nightly"), rule.arn());
        assertEquals(Map.of("team", "data"), rule.tags());
        assertEquals(Compliance.NON_COMPLIANT, judge(rule).compliance());
        Rules byArn = Rules.of(new RuleParameters(
                Set.of(), Optional.empty(), Set.of("arn:aws:events:eu-west-1:111122223333:rule/nightly")));
        assertTrue(byArn.judge(rule, NOW).exempt());
    }

    @Test
    void aStateMachineItemCarriesNoDefinitionSoItIsNeverCompliantUnread() {
        JsonObject item = json("""
                {"resourceType": "AWS::StepFunctions::StateMachine", "resourceId": "arn:aws:states:eu-west-1:111122223333:stateMachine:jobs",
                 "configurationItemCaptureTime": "2026-11-20T14:03:27.518Z", "configurationItemStatus": "OK",
                 "configuration": {"StateMachineName": "jobs", "RoleArn": "r"}}
                """);
        Verdict verdict = judge(ConfigurationItemParser.parse(item, "item").resource());
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(
                verdict.annotation().contains("Definition is not in AWS Config's configuration item"),
                verdict.annotation());
    }

    private static Verdict judge(EcsResource resource) {
        return Rules.of(RuleParameters.NONE).judge(resource, NOW);
    }

    static EcsResource read(String type, String properties) {
        return CloudFormationProperties.read(type, "Logical", json(properties), Optional.empty(), "Properties");
    }

    static JsonObject json(String text) {
        JsonElement element = JsonParser.parseString(text);
        return element.getAsJsonObject();
    }
}
