package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.ecspublicip.testing.Reference;
import dev.ecspublicip.testing.protocol.ApiModel;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two ways to cover an organization. Delegated administrator: Config checks, when it creates an
 * organization rule in a member account, that it may invoke the function, so the rules come from their
 * own stack, which can only import the evaluator's ARN from the permissions stack once that stack, every
 * member account's permission included, is complete. StackSet: rule-template.yaml in every account,
 * with no transform (service-managed StackSets refuse them) and nothing cross-account. And the
 * conformance pack refuses a runbook without a role at deploy time.
 */
class OrganizationRolloutTest {
    private static final Map<String, Object> EXPORT = Map.of("Fn::Sub", "${AWS::StackName}-EvaluatorInvokeArn");
    private static final Map<String, Object> IMPORT =
            Map.of("Fn::ImportValue", Map.of("Fn::Sub", "${PermissionsStackName}-EvaluatorInvokeArn"));
    /** The parameters the StackSet commands of docs/deployment.md pass; the rest keep their defaults. */
    private static final Map<String, String> STACK_SET_PARAMETERS = Map.of("FunctionNamePrefix", "ecs-public-ip-rule");

    @Test
    void theOrganizationRulesCanOnlyBeCreatedAfterEveryMemberPermissionExists() {
        for (String name : List.of(Templates.RULE_TEMPLATE, Templates.ORGANIZATION_PERMISSIONS)) {
            assertEquals(
                    Map.of(),
                    Templates.ofType(Templates.resources(Templates.load(name)), "AWS::Config::OrganizationConfigRule"),
                    name + ": no organization rule is created in the stack operation that creates the permissions");
        }
        Map<String, Object> permissionsTemplate = Templates.load(Templates.ORGANIZATION_PERMISSIONS);
        Map<String, Object> output =
                Templates.map(Templates.map(permissionsTemplate.get("Outputs")).get("EvaluatorInvokeArn"));
        assertEquals(Map.of("Name", EXPORT), output.get("Export"));
        Map<String, Map<String, Object>> permissions =
                Templates.ofType(Templates.resources(permissionsTemplate), "AWS::Lambda::Permission");
        assertEquals(Templates.SAMPLE_ACCOUNTS.size(), permissions.size());
        permissions.forEach((id, permission) -> assertEquals(
                output.get("Value"),
                Templates.properties(permission).get("FunctionName"),
                id + " allows what the export names"));

        Map<String, Map<String, Object>> organizationRules = Templates.ofType(
                Templates.resources(Templates.load(Templates.ORGANIZATION_RULES)),
                "AWS::Config::OrganizationConfigRule");
        assertEquals(3, organizationRules.size());
        organizationRules.forEach((id, rule) -> assertEquals(
                IMPORT,
                Templates.map(Templates.properties(rule).get("OrganizationCustomRuleMetadata"))
                        .get("LambdaFunctionArn"),
                id + " invokes the evaluator only through the completed permissions stack's export"));
    }

    /** The permissions stack is given what the evaluator stack's rules invoke, alias included. */
    @Test
    void thePermissionsStackTakesTheEvaluatorStacksInvokeArn() {
        Map<String, Object> template = Templates.load(Templates.ORGANIZATION_PERMISSIONS);
        java.util.regex.Pattern arn = java.util.regex.Pattern.compile(String.valueOf(
                Templates.map(Templates.map(template.get("Parameters")).get("EvaluatorInvokeArn"))
                        .get("AllowedPattern")));
        assertTrue(arn.matcher("arn:aws:lambda:eu-west-1:111122223333:function:ecs-public-ip-rule-evaluator")
                .matches());
        assertTrue(arn.matcher("arn:aws:lambda:eu-west-1:111122223333:function:ecs-public-ip-rule-evaluator:live")
                .matches());
        assertFalse(arn.matcher("ecs-public-ip-rule-evaluator").matches());
        Map<String, Object> ruleOutputs =
                Templates.map(Templates.load(Templates.RULE_TEMPLATE).get("Outputs"));
        assertEquals(
                TemplateRulesTest.EVALUATOR,
                Templates.map(ruleOutputs.get("EvaluatorInvokeArn")).get("Value"));
    }

    @Test
    void inStackSetModeTheTemplateCreatesNothingCrossAccount() {
        Map<String, Object> template = Templates.load(Templates.RULE_TEMPLATE);
        assertFalse(template.containsKey("Transform"), "service-managed StackSets refuse templates with transforms");
        assertTrue(Templates.map(template.get("Resources")).keySet().stream().noneMatch(k -> k.startsWith("Fn::")));
        Map<String, Object> parameters = new LinkedHashMap<>(Templates.parameterValues(template, STACK_SET_PARAMETERS));
        Map<String, Map<String, Object>> created = new LinkedHashMap<>();
        Templates.resources(template).forEach((id, resource) -> {
            if (Templates.created(resource, template, parameters)) {
                created.put(id, resource);
            }
        });
        assertEquals(Map.of(), Templates.ofType(created, "AWS::Config::OrganizationConfigRule"));
        Map<String, Map<String, Object>> permissions = Templates.ofType(created, "AWS::Lambda::Permission");
        assertEquals(List.of("ConfigInvokePermission"), List.copyOf(permissions.keySet()));
        assertEquals(
                Map.of("Ref", "AWS::AccountId"),
                Templates.properties(permissions.get("ConfigInvokePermission")).get("SourceAccount"));

        Map<String, Object> evaluatorRole = Templates.map(
                Templates.resolve(Templates.properties(created.get("EvaluatorRole")), template, parameters));
        for (Object policy : Templates.list(evaluatorRole.get("Policies"))) {
            for (Object statement : Templates.list(
                    Templates.map(Templates.map(policy).get("PolicyDocument")).get("Statement"))) {
                assertFalse(
                        Templates.list(Templates.map(statement).get("Action")).contains("sts:AssumeRole"),
                        "the evaluator assumes no member role: " + new Gson().toJson(policy));
            }
        }
        assertEquals(
                null,
                Templates.resolve(
                        Templates.properties(created.get("EvaluatorFunction")).get("Environment"),
                        template,
                        parameters),
                "no MEMBER_ROLE_NAME: the evaluator stays in its own account");
        Map<String, Map<String, Object>> functions = Templates.ofType(created, "AWS::Lambda::Function");
        assertEquals(2, functions.size());
        functions.forEach((id, function) -> {
            Object name = Templates.resolve(Templates.properties(function).get("FunctionName"), template, parameters);
            assertTrue(
                    name instanceof String text && text.startsWith("ecs-public-ip-rule-") && text.length() <= 64,
                    id + " is named from FunctionNamePrefix, not the stack instance's generated name: " + name);
        });
    }

    @Test
    void theLongestFunctionNamePrefixStillGivesValidFunctionNames() {
        Map<String, Object> template = Templates.load(Templates.RULE_TEMPLATE);
        String prefix = "p".repeat(40);
        java.util.regex.Pattern allowed = java.util.regex.Pattern.compile(String.valueOf(
                Templates.map(Templates.map(template.get("Parameters")).get("FunctionNamePrefix"))
                        .get("AllowedPattern")));
        assertTrue(allowed.matcher(prefix).matches());
        assertFalse(allowed.matcher(prefix + "p").matches());
        Map<String, Object> parameters = Templates.parameterValues(template, Map.of("FunctionNamePrefix", prefix));
        Templates.ofType(Templates.resources(template), "AWS::Lambda::Function").forEach((id, function) -> {
            String name = (String)
                    Templates.resolve(Templates.properties(function).get("FunctionName"), template, parameters);
            assertTrue(name.length() <= 64, id + ": " + name);
        });
    }

    /**
     * AWS Config takes neither an intrinsic function nor a pack parameter for the automation role, and only
     * the full rule name for ConfigRuleName (conformance pack prerequisites): the pack holds the role as a
     * literal placeholder ARN, which the user replaces before put-conformance-pack.
     */
    @Test
    void aConformancePacksRemediationNamesItsRoleAndRuleLiterally() throws IOException {
        Map<String, Object> pack = Templates.load(Templates.CONFORMANCE_PACK);
        ApiModel config = ApiModel.load("config");
        Map<String, Object> parameters = Templates.parameterValues(
                pack,
                Map.of(
                        "EvaluatorFunctionArn",
                        "arn:aws:lambda:us-east-1:111122223333:function:e",
                        "RemediationRunbook",
                        "runbook"));
        Map<String, Map<String, Object>> resources = Templates.resources(pack);
        Map<String, Map<String, Object>> remediations =
                Templates.ofType(resources, "AWS::Config::RemediationConfiguration");
        assertEquals(2, remediations.size());
        remediations.forEach((id, remediation) -> {
            Map<String, Object> properties = Templates.properties(remediation);
            Object role = Templates.map(Templates.map(
                                    Templates.map(properties.get("Parameters")).get("AutomationAssumeRole"))
                            .get("StaticValue"))
                    .get("Values");
            assertEquals(List.of(ROLE_PLACEHOLDER), role, id + ": the role is a literal ARN string");
            Object rule = properties.get("ConfigRuleName");
            assertTrue(rule instanceof String, id + ": ConfigRuleName is the rule's full name, not " + rule);
            String ruleId = String.valueOf(remediation.get("DependsOn"));
            assertEquals(Templates.properties(resources.get(ruleId)).get("ConfigRuleName"), rule, id);
            assertTrue(Templates.created(remediation, pack, parameters), id + " is created once a runbook is given");
            assertEquals(
                    List.of(),
                    config.validateInput("PutRemediationConfigurations", request(remediation, pack, parameters)),
                    id);
        });
        assertFalse(
                Templates.map(pack.get("Parameters")).containsKey("RemediationRoleArn"),
                "a pack parameter cannot carry the role");
        String text = Files.readString(Reference.projectDir().resolve(Templates.CONFORMANCE_PACK));
        assertTrue(text.contains("replace the placeholder role ARN below"), "the pack says what to replace");
    }

    /** What the pack names as the automation role until the user puts the real ARN in its place. */
    static final String ROLE_PLACEHOLDER =
            "arn:aws:iam::111122223333:role/REPLACE-WITH-THE-REMEDIATION-AUTOMATION-ROLE";

    /** The PutRemediationConfigurations request a RemediationConfiguration becomes (ConfigRuleName by name). */
    private static JsonObject request(
            Map<String, Object> remediation, Map<String, Object> template, Map<String, Object> parameters) {
        Map<String, Object> properties = new LinkedHashMap<>(
                Templates.map(Templates.resolve(Templates.properties(remediation), template, parameters)));
        properties.put("ConfigRuleName", "ecs-service-no-public-ip");
        properties.values().removeIf(Templates::isIntrinsic);
        properties.remove("Automatic");
        properties.remove("MaximumAutomaticAttempts");
        properties.remove("RetryAttemptSeconds");
        JsonObject body = new JsonObject();
        com.google.gson.JsonArray configurations = new com.google.gson.JsonArray();
        configurations.add(new Gson().toJsonTree(properties));
        body.add("RemediationConfigurations", configurations);
        return body;
    }
}
