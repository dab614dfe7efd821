package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rules as deployed: both resource types, all three triggers, the evaluator invoked through a
 * permission that exists first (the parameters: {@link RuleInputParametersTest}).
 */
class TemplateRulesTest {
    private static final Set<String> TRIGGERS = Set.of(
            "ConfigurationItemChangeNotification",
            "OversizedConfigurationItemChangeNotification",
            "ScheduledNotification");
    private static final Map<String, String> RULE_NAMES = Map.of(
            "AWS::ECS::Service",
            "ecs-service-no-public-ip",
            "AWS::ECS::TaskSet",
            "ecs-taskset-no-public-ip",
            // The launcher types AWS Config records with what the rule needs (docs/rule.md).
            "AWS::Events::Rule",
            "ecs-task-launcher-no-public-ip");
    private static final List<String> RULE_TEMPLATES =
            List.of(Templates.RULE_TEMPLATE, Templates.CONFORMANCE_PACK, Templates.ORGANIZATION_RULES);
    /** What the rule-template's and the organization rules' functions are: the evaluator, or its alias. */
    static final Object EVALUATOR = Map.of(
            "Fn::If",
            List.of(
                    "UseSnapStart",
                    Map.of("Ref", "EvaluatorAlias"),
                    Map.of("Fn::GetAtt", List.of("EvaluatorFunction", "Arn"))));

    /** A rule, account or organization, reduced to what these checks compare. */
    record Rule(
            String template,
            String id,
            String name,
            List<String> types,
            Set<String> triggers,
            Object frequency,
            Object function) {}

    static List<Rule> rules(String template) {
        List<Rule> rules = new ArrayList<>();
        Templates.resources(Templates.load(template)).forEach((id, resource) -> {
            Map<String, Object> properties = Templates.properties(resource);
            if ("AWS::Config::ConfigRule".equals(resource.get("Type"))) {
                Map<String, Object> source = Templates.map(properties.get("Source"));
                assertEquals("CUSTOM_LAMBDA", source.get("Owner"), id);
                Set<String> triggers = new TreeSet<>();
                Object frequency = null;
                for (Object detail : Templates.list(source.get("SourceDetails"))) {
                    Map<String, Object> sourceDetail = Templates.map(detail);
                    assertEquals("aws.config", sourceDetail.get("EventSource"), id);
                    triggers.add(String.valueOf(sourceDetail.get("MessageType")));
                    if ("ScheduledNotification".equals(sourceDetail.get("MessageType"))) {
                        frequency = sourceDetail.get("MaximumExecutionFrequency");
                    }
                }
                rules.add(new Rule(
                        template,
                        id,
                        String.valueOf(properties.get("ConfigRuleName")),
                        strings(Templates.map(properties.get("Scope")).get("ComplianceResourceTypes")),
                        triggers,
                        frequency,
                        source.get("SourceIdentifier")));
            } else if ("AWS::Config::OrganizationConfigRule".equals(resource.get("Type"))) {
                Map<String, Object> custom = Templates.map(properties.get("OrganizationCustomRuleMetadata"));
                rules.add(new Rule(
                        template,
                        id,
                        String.valueOf(properties.get("OrganizationConfigRuleName")),
                        strings(custom.get("ResourceTypesScope")),
                        new TreeSet<>(strings(custom.get("OrganizationConfigRuleTriggerTypes"))),
                        custom.get("MaximumExecutionFrequency"),
                        custom.get("LambdaFunctionArn")));
            }
        });
        return rules;
    }

    @Test
    void eachRuleSetCoversEveryRecordedTypeOneRuleEachWithTheSecurityHubNames() {
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        for (String template : RULE_TEMPLATES) {
            for (Rule rule : rules(template)) {
                assertEquals(1, rule.types().size(), rule.id() + " scopes one type, as the Security Hub controls do");
                String set = template + (rule.id().startsWith("Organization") ? " organization" : "");
                assertEquals(
                        null,
                        sets.computeIfAbsent(set, k -> new LinkedHashMap<>())
                                .put(rule.types().get(0), rule.name()),
                        set + " has two rules for " + rule.types().get(0));
            }
        }
        assertEquals(3, sets.size(), sets.toString());
        sets.forEach((set, names) -> assertEquals(RULE_NAMES, names, set));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleTakesAllThreeTriggersWithTheFrequencyParameter() {
        return RULE_TEMPLATES.stream().flatMap(template -> {
            Map<String, Object> allowed = TemplateIamTest.parameter(Templates.load(template), "EvaluationFrequency");
            return rules(template).stream()
                    .map(rule -> DynamicTest.dynamicTest(template + " " + rule.id(), () -> {
                        assertEquals(TRIGGERS, rule.triggers(), rule.id());
                        assertEquals(Map.of("Ref", "EvaluationFrequency"), rule.frequency(), rule.id());
                        assertEquals(
                                frequencies(),
                                new TreeSet<>(strings(allowed.get("AllowedValues"))),
                                "EvaluationFrequency allows exactly what Config accepts");
                    }));
        });
    }

    @Test
    void everyAccountRuleInvokesTheEvaluatorOnlyAfterConfigIsAllowedTo() {
        Map<String, Map<String, Object>> resources = Templates.resources(Templates.load(Templates.RULE_TEMPLATE));
        for (Rule rule : rules(Templates.RULE_TEMPLATE)) {
            assertEquals(EVALUATOR, rule.function(), rule.id());
            Map<String, Object> permission = Templates.properties(
                    resources.get(String.valueOf(resources.get(rule.id()).get("DependsOn"))));
            assertEquals("config.amazonaws.com", permission.get("Principal"), rule.id());
            assertEquals(
                    EVALUATOR,
                    permission.get("FunctionName"),
                    rule.id() + " depends on the permission for what it invokes");
        }
        for (Rule rule : rules(Templates.CONFORMANCE_PACK)) {
            assertEquals(Map.of("Ref", "EvaluatorFunctionArn"), rule.function(), rule.id());
        }
    }

    @Test
    void organizationRulesSkipThisAccountWhichHasItsOwnRulesAndTheManagementAccount() {
        Map<String, Object> template = Templates.load(Templates.ORGANIZATION_RULES);
        Map<String, Map<String, Object>> organizationRules =
                Templates.ofType(Templates.resources(template), "AWS::Config::OrganizationConfigRule");
        assertEquals(2, organizationRules.size());
        // Service-managed StackSets never deploy the member role to the management account.
        Map<String, Object> parameters = Templates.map(template.get("Parameters"));
        assertFalse(
                Templates.map(parameters.get("ManagementAccountId")).containsKey("Default"),
                "the management account must be named");
        organizationRules.forEach((id, rule) -> assertEquals(
                List.of(
                        List.of(Map.of("Ref", "AWS::AccountId")),
                        List.of(Map.of("Ref", "AWS::AccountId"), Map.of("Ref", "ManagementAccountId"))),
                Templates.alternatives(Templates.properties(rule).get("ExcludedAccounts")),
                id));
        assertEquals(
                Map.of("Fn::Equals", List.of(Map.of("Ref", "ManagementAccountId"), Map.of("Ref", "AWS::AccountId"))),
                Templates.map(template.get("Conditions")).get("AdministersFromTheManagementAccount"),
                "the management account as administrator is listed once");
    }

    @Test
    void theEvaluatorIsTheHandlerOnJava21WithItsArtifactArchitectureAndSnapStartSlot() {
        Map<String, Object> template = Templates.load(Templates.RULE_TEMPLATE);
        Map<String, Object> function =
                Templates.properties(Templates.resources(template).get("EvaluatorFunction"));
        assertEquals("java21", function.get("Runtime"));
        assertEquals("dev.ecspublicip.lambda.ConfigRuleHandler::handleRequest", function.get("Handler"));
        assertEquals("config-rule/target/evaluator-lambda.jar", function.get("Code"));
        assertEquals(List.of(Map.of("Ref", "Architecture")), function.get("Architectures"));
        assertEquals(
                "arm64", TemplateIamTest.parameter(template, "Architecture").get("Default"));
        assertEquals(
                List.of(Map.of("ApplyOn", "PublishedVersions")), Templates.alternatives(function.get("SnapStart")));
        Map<String, Map<String, Object>> resources = Templates.resources(template);
        assertEquals("UseSnapStart", resources.get("EvaluatorVersion").get("Condition"));
        assertEquals(
                Map.of("Fn::GetAtt", List.of("EvaluatorVersion", "Version")),
                Templates.properties(resources.get("EvaluatorAlias")).get("FunctionVersion"));
    }

    @Test
    void theOutputsNameTheRulesAndTheFunctions() {
        Set<String> outputs = Templates.map(
                        Templates.load(Templates.RULE_TEMPLATE).get("Outputs"))
                .keySet();
        assertTrue(
                outputs.containsAll(List.of(
                        "ServiceRuleName",
                        "TaskSetRuleName",
                        "LauncherRuleName",
                        "EvaluatorFunctionArn",
                        "EvaluatorInvokeArn",
                        "EvaluatorRoleArn")),
                outputs.toString());
        Templates.ofType(Templates.resources(Templates.load(Templates.RULE_TEMPLATE)), "AWS::Lambda::Function")
                .forEach((id, function) -> assertTrue(
                        Templates.map(Templates.load(Templates.RULE_TEMPLATE).get("Outputs")).values().stream()
                                .anyMatch(o -> Map.of("Fn::GetAtt", List.of(id, "Arn"))
                                        .equals(Templates.map(o).get("Value"))),
                        id + " has an ARN output"));
    }

    @Test
    void theConformancePackFitsConfigsLimits() throws IOException {
        Map<String, Object> pack = Templates.load(Templates.CONFORMANCE_PACK);
        long size = Files.size(dev.ecspublicip.testing.Reference.projectDir().resolve(Templates.CONFORMANCE_PACK));
        assertTrue(size <= 51_200, "TemplateBody is at most 51,200 bytes, the pack is " + size);
        assertTrue(Templates.map(pack.get("Parameters")).size() <= 60, "at most 60 input parameters");
        Set<String> types = new TreeSet<>();
        Templates.resources(pack).values().forEach(r -> types.add(String.valueOf(r.get("Type"))));
        assertEquals(
                Set.of("AWS::Config::ConfigRule", "AWS::Config::RemediationConfiguration"),
                types,
                "a conformance pack holds rules and remediation configurations only");
        assertFalse(pack.containsKey("Transform"));
    }

    private static Set<String> frequencies() {
        try {
            JsonObject schema = com.google.gson.JsonParser.parseString(
                            Files.readString(CloudFormationSchemas.schemaFile("AWS::Config::ConfigRule")))
                    .getAsJsonObject();
            Set<String> values = new TreeSet<>();
            schema.getAsJsonObject("definitions")
                    .getAsJsonObject("SourceDetail")
                    .getAsJsonObject("properties")
                    .getAsJsonObject("MaximumExecutionFrequency")
                    .getAsJsonArray("enum")
                    .forEach(v -> values.add(v.getAsString()));
            return values;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(Object value) {
        return Templates.list(value).stream().map(String::valueOf).toList();
    }
}
