package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A state machine's ECS launch points, from each way CloudFormation takes its definition. */
class StateMachineDefinitionTest {
    private static final String RUN = """
            {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": true,
             "Parameters": {"Cluster": "c", "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "%s"}}}}""";

    @Test
    void everyRunTaskStateIsAPointNestedMapAndParallelIncluded() {
        EcsResource machine = definition(
                """
                {"StartAt": "Fan", "States": {
                  "Fan": {"Type": "Map", "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": %s}}, "Next": "Both"},
                  "Both": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": %s}},
                                                            {"StartAt": "B", "States": {"B": %s}}], "Next": "Old"},
                  "Old": {"Type": "Map", "Iterator": {"StartAt": "C", "States": {"C": %s}}, "Next": "Top"},
                  "Top": %s,
                  "Lambda": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}
                """.formatted(run("DISABLED"), run("DISABLED"), run("ENABLED"), run("DISABLED"), run("DISABLED")));
        assertEquals(
                List.of(
                        "state 'Inner' (Fan.ItemProcessor.Inner)",
                        "state 'A' (Both.Branches[0].A)",
                        "state 'B' (Both.Branches[1].B)",
                        "state 'C' (Old.Iterator.C)",
                        "state 'Top'"),
                machine.launchPoints().stream().map(LaunchPoint::name).toList());
        Verdict verdict = judge(machine);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(
                verdict.annotation()
                        .endsWith(
                                "set Parameters.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp to DISABLED at state"
                                        + " 'B' (Both.Branches[1].B) (ENABLED)."),
                verdict.annotation());
    }

    @Test
    void everyRunTaskIntegrationAndPartitionCounts() {
        for (String resource : List.of(
                "arn:aws:states:::ecs:runTask",
                "arn:aws-cn:states:::ecs:runTask.waitForTaskToken",
                "arn:aws-us-gov:states:::ecs:runTask.sync")) {
            EcsResource machine = definition("{\"States\": {\"R\": "
                    + run("ENABLED").replace("arn:aws:states:::ecs:runTask.sync", resource) + "}}");
            assertEquals(Compliance.NON_COMPLIANT, judge(machine).compliance(), resource);
        }
    }

    @Test
    void aJsonPathOrJsonataValueIsKnownOnlyAtRunTime() {
        EcsResource jsonPath = definition("""
                {"States": {"R": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true,
                  "Parameters": {"NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp.$": "$.ip"}}}}}}
                """);
        Verdict verdict = judge(jsonPath);
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(
                verdict.annotation().contains("(AssignPublicIp.$ set by the JSONPath '$.ip', known only at run time)"),
                verdict.annotation());

        EcsResource wholeNetwork = definition("""
                {"States": {"R": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask", "End": true,
                  "Parameters": {"NetworkConfiguration.$": "$.network"}}}}
                """);
        assertEquals(Compliance.NON_COMPLIANT, judge(wholeNetwork).compliance());

        EcsResource jsonata = definition("""
                {"QueryLanguage": "JSONata", "States": {"R": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask",
                  "End": true, "Arguments": {"NetworkConfiguration": {"AwsvpcConfiguration":
                    {"AssignPublicIp": "{% $states.input.ip %}"}}}}}}
                """);
        Verdict jsonataVerdict = judge(jsonata);
        assertEquals(Compliance.NON_COMPLIANT, jsonataVerdict.compliance());
        assertTrue(jsonataVerdict.annotation().contains("Arguments.NetworkConfiguration"), jsonataVerdict.annotation());
        assertTrue(jsonataVerdict.annotation().contains("JSONata expression"), jsonataVerdict.annotation());

        EcsResource jsonataDisabled = definition("""
                {"QueryLanguage": "JSONata", "States": {"R": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask",
                  "End": true, "Arguments": {"NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED"}}}}}}
                """);
        assertEquals(Compliance.COMPLIANT, judge(jsonataDisabled).compliance());
    }

    @Test
    void aDefinitionStringIsReadWithItsSubstitutions() {
        JsonObject properties = new JsonObject();
        properties.addProperty("DefinitionString", "{\"States\": {\"R\": " + run("${Public}") + "}}");
        JsonObject substitutions = new JsonObject();
        substitutions.addProperty("Public", "ENABLED");
        properties.add("DefinitionSubstitutions", substitutions);
        assertEquals(Compliance.NON_COMPLIANT, judge(read(properties)).compliance());

        substitutions.addProperty("Public", "DISABLED");
        assertEquals(Compliance.COMPLIANT, judge(read(properties)).compliance());
    }

    @Test
    void fnSubAndFnJoinLeaveUnknownOnlyWhatDeploymentFillsIn() {
        // ${AWS::Partition} in the Resource is unknown, but it does not hide whether public IPs are assigned.
        JsonObject sub = new JsonObject();
        JsonObject fnSub = new JsonObject();
        fnSub.addProperty(
                "Fn::Sub",
                "{\"States\": {\"R\": " + run("DISABLED").replace("arn:aws:", "arn:${AWS::Partition}:") + "}}");
        sub.add("DefinitionString", fnSub);
        assertEquals(Compliance.COMPLIANT, judge(read(sub)).compliance());

        fnSub.addProperty("Fn::Sub", "{\"States\": {\"R\": " + run("${PublicIp}") + "}}");
        Verdict unknownFlag = judge(read(sub));
        assertEquals(Compliance.NON_COMPLIANT, unknownFlag.compliance());
        assertTrue(
                unknownFlag
                        .annotation()
                        .contains("at state 'R' (set by Fn::Sub variable ${PublicIp}, known only at deployment)"),
                unknownFlag.annotation());

        JsonObject join = new JsonObject();
        JsonObject fnJoin = new JsonObject();
        com.google.gson.JsonArray parts = new com.google.gson.JsonArray();
        parts.add("{\"States\": {\"R\": ");
        parts.add(run("DISABLED"));
        parts.add("}}");
        com.google.gson.JsonArray argument = new com.google.gson.JsonArray();
        argument.add("");
        argument.add(parts);
        fnJoin.add("Fn::Join", argument);
        join.add("DefinitionString", fnJoin);
        assertEquals(Compliance.COMPLIANT, judge(read(join)).compliance());

        // Where a deployment value stands outside a string, the JSON cannot be read: the definition is unknown.
        fnSub.addProperty("Fn::Sub", "{\"States\": ${States}}");
        Verdict whole = judge(read(sub));
        assertEquals(Compliance.NON_COMPLIANT, whole.compliance());
        assertTrue(whole.annotation().contains("its definition"), whole.annotation());
    }

    @Test
    void aDefinitionInAmazonS3FailsClosed() {
        JsonObject properties = new JsonObject();
        JsonObject location = new JsonObject();
        location.addProperty("Bucket", "b");
        location.addProperty("Key", "k");
        properties.add("DefinitionS3Location", location);
        Verdict verdict = judge(read(properties));
        assertEquals(Compliance.NON_COMPLIANT, verdict.compliance());
        assertTrue(verdict.annotation().contains("DefinitionS3Location is read from Amazon S3"), verdict.annotation());
    }

    @Test
    void noEcsStateIsNotApplicableAndABrokenDefinitionIsBadInput() {
        assertEquals(
                Compliance.NOT_APPLICABLE,
                judge(definition("{\"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
                        .compliance());
        JsonObject properties = new JsonObject();
        properties.add("DefinitionString", new JsonPrimitive("{\"States\": "));
        BadInputException error = assertThrows(BadInputException.class, () -> read(properties));
        assertTrue(error.field().startsWith("Properties.DefinitionString"), error.field());
        BadInputException noStates = assertThrows(BadInputException.class, () -> definition("{\"StartAt\": \"x\"}"));
        assertEquals("Properties.Definition.States", noStates.field());
    }

    private static String run(String assignPublicIp) {
        return RUN.formatted(assignPublicIp);
    }

    private static EcsResource definition(String definition) {
        JsonObject properties = new JsonObject();
        properties.add("Definition", LauncherPropertiesTest.json(definition));
        properties.addProperty("StateMachineName", "jobs");
        return read(properties);
    }

    private static EcsResource read(JsonObject properties) {
        return CloudFormationProperties.read(
                "AWS::StepFunctions::StateMachine", "Jobs", properties, Optional.empty(), "Properties");
    }

    private static Verdict judge(EcsResource resource) {
        return Rules.of(RuleParameters.NONE).judge(resource, Instant.parse("2026-12-02T00:00:00Z"));
    }
}
