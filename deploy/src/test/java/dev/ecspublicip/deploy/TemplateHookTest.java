package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.deploy.IamStatements.Statement;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The prevention hook in rule-template.yaml: off unless asked for, WARN or FAIL as asked, on ECS services
 * and task sets being created or updated, invoking only the hook function through a role only
 * CloudFormation Hooks of this account may assume.
 */
class TemplateHookTest {
    private static final Map<String, Object> TEMPLATE = Templates.load(Templates.RULE_TEMPLATE);
    private static final Map<String, Map<String, Object>> RESOURCES = Templates.resources(TEMPLATE);
    private static final List<String> HOOK_RESOURCES =
            List.of("HookFunctionRole", "HookLogGroup", "HookFunction", "HookExecutionRole", "PreventionLambdaHook");

    @Test
    void theHookExistsOnlyWhenTheParameterIsWarnOrFailAndFailsOnlyWithFail() {
        Map<String, Object> parameter = TemplateIamTest.parameter(TEMPLATE, "PreventionHook");
        assertEquals(List.of("off", "WARN", "FAIL"), parameter.get("AllowedValues"));
        assertEquals("off", parameter.get("Default"));
        Map<String, Object> conditions = Templates.map(TEMPLATE.get("Conditions"));
        assertEquals(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "PreventionHook"), "off")))),
                conditions.get("CreatePreventionHook"));
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "PreventionHook"), "FAIL")),
                conditions.get("PreventionHookFails"));
        for (String id : HOOK_RESOURCES) {
            assertEquals("CreatePreventionHook", RESOURCES.get(id).get("Condition"), id);
        }
        Map<String, Object> hook = Templates.properties(RESOURCES.get("PreventionLambdaHook"));
        assertEquals(Map.of("Fn::If", List.of("PreventionHookFails", "FAIL", "WARN")), hook.get("FailureMode"));
        assertEquals("ENABLED", hook.get("HookStatus"));
    }

    @Test
    void theHookJudgesServicesAndTaskSetsBeforeCreateAndUpdate() {
        Map<String, Object> hook = Templates.properties(RESOURCES.get("PreventionLambdaHook"));
        // Stacks, and the Cloud Control API (a Terraform awscc or SDK caller): both judged alike.
        assertEquals(List.of("RESOURCE", "CLOUD_CONTROL"), hook.get("TargetOperations"));
        assertEquals(
                Map.of(
                        "Actions",
                        List.of("CREATE", "UPDATE"),
                        "InvocationPoints",
                        List.of("PRE_PROVISION"),
                        "TargetNames",
                        List.of(
                                "AWS::ECS::Service",
                                "AWS::ECS::TaskSet",
                                "AWS::Events::Rule",
                                "AWS::Scheduler::Schedule",
                                "AWS::Pipes::Pipe",
                                "AWS::StepFunctions::StateMachine",
                                "AWS::Batch::JobDefinition")),
                hook.get("TargetFilters"));
        assertEquals(Map.of("Fn::GetAtt", List.of("HookFunction", "Arn")), hook.get("LambdaFunction"));
        assertEquals(Map.of("Fn::GetAtt", List.of("HookExecutionRole", "Arn")), hook.get("ExecutionRole"));
        assertTrue(
                Files.exists(CloudFormationSchemas.schemaFile("AWS::CloudFormation::LambdaHook")),
                "TemplateSchemaTest validates the hook against its registry schema");
    }

    @Test
    void theHookIsValidAgainstTheLambdaHookRegistrySchemaWhichCatchesWhatCloudFormationWouldRefuse() {
        CloudFormationSchemas schemas = new CloudFormationSchemas();
        Map<String, Object> hook = Templates.properties(RESOURCES.get("PreventionLambdaHook"));
        for (String value : List.of("EcsPublicIp::Prevent::PublicIp", "Other::Hook::Name")) {
            assertEquals(
                    List.of(),
                    schemas.problems(
                            "AWS::CloudFormation::LambdaHook",
                            Templates.map(Templates.withRef(hook, "PreventionHookAlias", value))));
        }

        Map<String, Object> broken = new java.util.LinkedHashMap<>(hook);
        broken.put("Alias", "AWS::Reserved::Name");
        broken.put("FailureMode", "BLOCK");
        broken.remove("ExecutionRole");
        broken.put(
                "TargetFilters", Map.of("Actions", List.of("CREATE"), "InvocationPoints", List.of("POST_PROVISION")));
        List<String> problems = schemas.problems("AWS::CloudFormation::LambdaHook", broken);
        for (String property : List.of("/Alias", "/FailureMode", "/TargetFilters", "/")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(property + ": ")), property + " in " + problems);
        }
    }

    @Test
    void theExecutionRoleTrustsOnlyThisAccountsHooksAndMayOnlyInvokeTheHookFunction() {
        List<Statement> statements = IamStatements.of(Templates.RULE_TEMPLATE).stream()
                .filter(s -> s.resource().equals("HookExecutionRole"))
                .toList();
        List<Statement> trust = statements.stream().filter(Statement::trust).toList();
        assertEquals(1, trust.size());
        assertEquals(
                Map.of("Service", "hooks.cloudformation.amazonaws.com"),
                trust.get(0).body().get("Principal"));
        assertEquals(
                Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))),
                trust.get(0).body().get("Condition"));
        List<Statement> grants = statements.stream().filter(s -> !s.trust()).toList();
        assertEquals(1, grants.size());
        assertEquals(List.of("lambda:InvokeFunction"), grants.get(0).actions());
        assertEquals(
                List.of(Map.of("Fn::GetAtt", List.of("HookFunction", "Arn"))),
                grants.get(0).resources());
    }

    @Test
    void theHookFunctionRunsTheHookHandlerFromTheEvaluatorArtifactWithTheRulesExemptions() {
        Map<String, Object> function = Templates.properties(RESOURCES.get("HookFunction"));
        assertEquals("dev.ecspublicip.lambda.HookHandler::handleRequest", function.get("Handler"));
        assertEquals("config-rule/target/evaluator-lambda.jar", function.get("Code"));
        assertEquals("java21", function.get("Runtime"));
        Object ruleParameters = Templates.map(
                        Templates.map(function.get("Environment")).get("Variables"))
                .get("RULE_PARAMETERS");
        Object serviceRuleParameters =
                Templates.properties(RESOURCES.get("ServiceRule")).get("InputParameters");
        String arn = "arn:aws:ecs:eu-west-1:111122223333:service/prod/web";
        for (Map<String, String> set : List.of(
                Map.<String, String>of(),
                Map.of("ExemptEcsServiceArns", arn),
                Map.of("ExemptionTagKey", "public-ip-ok"),
                Map.of("ExemptEcsServiceArns", arn, "ExemptionTagKey", "public-ip-ok"))) {
            Map<String, Object> parameters = Templates.parameterValues(TEMPLATE, set);
            String hookJson = (String) Templates.resolve(ruleParameters, TEMPLATE, parameters);
            Object ruleJson = Templates.resolve(serviceRuleParameters, TEMPLATE, parameters);
            assertEquals(
                    new com.google.gson.Gson().toJson(ruleJson),
                    hookJson,
                    "the hook exempts what the rules exempt: " + set);
        }
        List<String> actions = IamStatements.of(Templates.RULE_TEMPLATE).stream()
                .filter(s -> s.resource().equals("HookFunctionRole") && !s.trust())
                .flatMap(s -> s.actions().stream())
                .toList();
        assertEquals(
                List.of("logs:CreateLogStream", "logs:PutLogEvents"), actions, "the hook function calls no AWS API");
    }
}
