package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.check.CloudFormationYaml;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Every RemediationConfiguration starts its runbook with exactly the parameters the runbook declares
 * (none unknown, none required missing), for the resource type of the rule it belongs to; and once a
 * template remediates, every rule in it has one. The runbook is the SSM document the configuration
 * names, in its own template or (for the conformance pack, which takes the runbook as a parameter) in
 * rule-template.yaml.
 */
class RemediationWiringTest {
    /** The remediation runbook's parameters as agreed with the remediation work, until its runbook is in. */
    private static final Set<String> AGREED_PARAMETERS =
            Set.of("AutomationAssumeRole", "ResourceId", "ResourceType", "DryRun", "AllowEgressLoss");

    @TestFactory
    Stream<DynamicTest> everyTemplatesRemediationMatchesItsRunbook() {
        Map<String, Map<String, Object>> shippedRunbooks =
                runbooks(Templates.resources(Templates.load(Templates.RULE_TEMPLATE)));
        return Stream.of(Templates.RULE_TEMPLATE, Templates.CONFORMANCE_PACK)
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Map<String, Object> template = Templates.load(name);
                    assertEquals(List.of(), problems(template, shippedRunbooks), name);
                }));
    }

    /** An organization conformance pack names one runbook for every account: the name must be settable. */
    @Test
    void theRunbookTakesTheNameGivenElseCloudFormationsOwn() {
        Map<String, Object> template = Templates.load(Templates.RULE_TEMPLATE);
        Map<String, Object> runbook = Templates.resources(template).get("RemediationRunbook");
        assertEquals(
                Map.of(
                        "Fn::If",
                        List.of(
                                "NameRunbook",
                                Map.of("Ref", "RemediationRunbookDocumentName"),
                                Map.of("Ref", "AWS::NoValue"))),
                Templates.properties(runbook).get("Name"));
        assertEquals(
                Map.of(
                        "Fn::Not",
                        List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "RemediationRunbookDocumentName"), "")))),
                Templates.map(template.get("Conditions")).get("NameRunbook"));
        assertEquals(
                "",
                Templates.map(Templates.map(template.get("Parameters")).get("RemediationRunbookDocumentName"))
                        .get("Default"));
    }

    @Test
    void theConformancePackRemediatesBothRulesWithTheRunbooksParameters() {
        Map<String, Map<String, Object>> pack = Templates.resources(Templates.load(Templates.CONFORMANCE_PACK));
        Map<String, Map<String, Object>> remediations = Templates.ofType(pack, "AWS::Config::RemediationConfiguration");
        assertEquals(2, remediations.size());
        Map<String, Map<String, Object>> shippedRunbooks =
                runbooks(Templates.resources(Templates.load(Templates.RULE_TEMPLATE)));
        Set<String> expected = shippedRunbooks.size() == 1
                ? runbookParameters(shippedRunbooks.values().iterator().next()).keySet()
                : AGREED_PARAMETERS;
        remediations.forEach((id, remediation) -> {
            assertEquals("Remediate", remediation.get("Condition"), id + " exists only when a runbook is given");
            assertEquals(
                    new TreeSet<>(expected),
                    new TreeSet<>(
                            Templates.map(Templates.properties(remediation).get("Parameters"))
                                    .keySet()),
                    id);
        });
    }

    @Test
    void theCheckFlagsUnknownAndMissingParametersAndTheWrongResourceType(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "Resources:",
                        "  Runbook:",
                        "    Type: AWS::SSM::Document",
                        "    Properties:",
                        "      DocumentType: Automation",
                        "      Content:",
                        "        schemaVersion: '0.3'",
                        "        parameters:",
                        "          ResourceId: {type: String}",
                        "          DryRun: {type: Boolean, default: true}",
                        "          AutomationAssumeRole: {type: String}",
                        "        mainSteps: []",
                        "  Rule:",
                        "    Type: AWS::Config::ConfigRule",
                        "    Properties:",
                        "      Scope: {ComplianceResourceTypes: [AWS::ECS::Service]}",
                        "      Source: {Owner: CUSTOM_LAMBDA}",
                        "  OtherRule:",
                        "    Type: AWS::Config::ConfigRule",
                        "    Properties:",
                        "      Scope: {ComplianceResourceTypes: [AWS::ECS::TaskSet]}",
                        "      Source: {Owner: CUSTOM_LAMBDA}",
                        "  Remediation:",
                        "    Type: AWS::Config::RemediationConfiguration",
                        "    Properties:",
                        "      ConfigRuleName: !Ref Rule",
                        "      TargetType: SSM_DOCUMENT",
                        "      TargetId: !Ref Runbook",
                        "      ResourceType: AWS::ECS::TaskSet",
                        "      Parameters:",
                        "        ResourceId: {ResourceValue: {Value: RESOURCE_ID}}",
                        "        DryRun: {StaticValue: {Values: ['false']}}",
                        "        Force: {StaticValue: {Values: ['true']}}",
                        ""));

        List<String> problems = problems(Templates.load(file), Map.of());

        assertEquals(
                List.of(
                        "Remediation: passes Force, which the runbook does not declare",
                        "Remediation: does not pass AutomationAssumeRole, which the runbook requires",
                        "Remediation: ResourceType AWS::ECS::TaskSet but rule Rule scopes [AWS::ECS::Service]",
                        "OtherRule: has no RemediationConfiguration while other rules of the template do"),
                problems);
    }

    /** The logical id of the rule whose ConfigRuleName is {@code name}; the name itself if none is. */
    private static String ruleNamed(Map<String, Map<String, Object>> rules, String name) {
        return rules.entrySet().stream()
                .filter(rule ->
                        name.equals(Templates.properties(rule.getValue()).get("ConfigRuleName")))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(name);
    }

    static List<String> problems(Map<String, Object> template, Map<String, Map<String, Object>> shippedRunbooks) {
        Map<String, Map<String, Object>> resources = Templates.resources(template);
        Map<String, Map<String, Object>> localRunbooks = runbooks(resources);
        Map<String, Map<String, Object>> rules = Templates.ofType(resources, "AWS::Config::ConfigRule");
        Map<String, Map<String, Object>> remediations =
                Templates.ofType(resources, "AWS::Config::RemediationConfiguration");
        List<String> problems = new ArrayList<>();
        Set<String> remediated = new TreeSet<>();
        remediations.forEach((id, remediation) -> {
            Map<String, Object> properties = Templates.properties(remediation);
            if (!"SSM_DOCUMENT".equals(properties.get("TargetType"))) {
                problems.add(id + ": TargetType " + properties.get("TargetType"));
            }
            // A Ref to the rule; in a conformance pack the full rule name, which Config takes only literally.
            String rule = properties.get("ConfigRuleName") instanceof String name
                    ? ruleNamed(rules, name)
                    : String.valueOf(
                            Templates.map(properties.get("ConfigRuleName")).get("Ref"));
            if (!remediated.add(rule)) {
                problems.add(id + ": a second RemediationConfiguration for " + rule);
            }
            Map<String, Object> runbook = runbook(properties.get("TargetId"), localRunbooks, shippedRunbooks);
            Map<String, Object> passed = Templates.map(properties.getOrDefault("Parameters", Map.of()));
            passed.forEach((parameter, value) -> {
                Map<String, Object> source = Templates.map(value);
                boolean resourceId = Map.of("Value", "RESOURCE_ID").equals(source.get("ResourceValue"));
                boolean staticValues = source.get("StaticValue") != null
                        && !Templates.list(
                                        Templates.map(source.get("StaticValue")).get("Values"))
                                .isEmpty();
                if (source.size() != 1 || !(resourceId || staticValues)) {
                    problems.add(id + ": " + parameter + " is neither a StaticValue nor the RESOURCE_ID");
                }
            });
            if (runbook != null) {
                Map<String, Object> declared = runbookParameters(runbook);
                passed.keySet().stream()
                        .filter(p -> !declared.containsKey(p))
                        .forEach(p -> problems.add(id + ": passes " + p + ", which the runbook does not declare"));
                declared.forEach((parameter, declaration) -> {
                    if (!Templates.map(declaration).containsKey("default") && !passed.containsKey(parameter)) {
                        problems.add(id + ": does not pass " + parameter + ", which the runbook requires");
                    }
                });
            }
            Map<String, Object> ruleResource = rules.get(rule);
            if (ruleResource == null) {
                problems.add(id + ": ConfigRuleName refers to no rule of the template: " + rule);
            } else {
                Object types = Templates.map(Templates.properties(ruleResource).get("Scope"))
                        .get("ComplianceResourceTypes");
                if (!Templates.list(types).equals(List.of(properties.get("ResourceType")))) {
                    problems.add(id + ": ResourceType " + properties.get("ResourceType") + " but rule " + rule
                            + " scopes " + types);
                }
            }
        });
        if (!remediations.isEmpty()) {
            rules.keySet().stream()
                    .filter(rule -> !remediated.contains(rule))
                    // Launchers are not remediated: their network is a user's release (docs/rule.md).
                    .filter(rule -> !Templates.list(Templates.map(Templates.properties(rules.get(rule))
                                            .get("Scope"))
                                    .get("ComplianceResourceTypes"))
                            .contains("AWS::Events::Rule"))
                    .forEach(rule -> problems.add(
                            rule + ": has no RemediationConfiguration while other rules of the template do"));
        }
        return problems;
    }

    /** The Automation documents among the resources, by logical id. */
    private static Map<String, Map<String, Object>> runbooks(Map<String, Map<String, Object>> resources) {
        Map<String, Map<String, Object>> runbooks = new LinkedHashMap<>();
        Templates.ofType(resources, "AWS::SSM::Document").forEach((id, document) -> {
            if ("Automation".equals(Templates.properties(document).get("DocumentType"))) {
                runbooks.put(id, document);
            }
        });
        return runbooks;
    }

    /** The runbook a TargetId names: a document of the template, or the one rule-template.yaml ships. */
    private static Map<String, Object> runbook(
            Object targetId, Map<String, Map<String, Object>> local, Map<String, Map<String, Object>> shipped) {
        if (targetId instanceof Map<?, ?> ref && local.containsKey(String.valueOf(ref.get("Ref")))) {
            return local.get(String.valueOf(ref.get("Ref")));
        }
        return shipped.size() == 1 ? shipped.values().iterator().next() : null;
    }

    private static Map<String, Object> runbookParameters(Map<String, Object> runbook) {
        Object content = Templates.properties(runbook).get("Content");
        Map<String, Object> document = content instanceof String text
                ? Templates.map(CloudFormationYaml.load(text, "the runbook's Content"))
                : Templates.map(content);
        Object parameters = document.get("parameters");
        assertTrue(parameters == null || parameters instanceof Map<?, ?>, "runbook parameters");
        return parameters == null ? Map.of() : Templates.map(parameters);
    }
}
