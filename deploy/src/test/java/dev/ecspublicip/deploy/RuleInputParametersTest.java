package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.rule.RuleParameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What each rule's InputParameters becomes once CloudFormation has resolved the parameters: Config
 * refuses blank values ("Blank spaces are not acceptable for input parameter") and anything over 1,024
 * characters, so a parameter left empty is left out, a set one arrives, the JSON built by hand is
 * compact, and the longest values the parameters allow still fit.
 */
class RuleInputParametersTest {
    private static final int MAX_INPUT_PARAMETERS = 1_024;
    /** The longest realistic service ARN: the longest commercial region name, 32-character cluster and service names. */
    private static final String LONG_ARN = longArn(0);

    private static final String ARN = "arn:aws:ecs:us-east-1:111122223333:service/prod/web";
    private static final String TAG_KEY = "public-ip-justification";
    private static final List<String> TEMPLATES =
            List.of(Templates.RULE_TEMPLATE, Templates.CONFORMANCE_PACK, Templates.ORGANIZATION_RULES);

    private static final String RULE_ARN = "arn:aws:events:us-east-1:111122223333:rule/nightly";

    /**
     * One deployment's parameter values and what the ECS rules must then read; the launcher rule reads the
     * same tag key and the launcher ARNs instead of the service ARNs.
     */
    private record Case(
            String name, Map<String, String> parameters, RuleParameters expected, Set<String> launcherArns) {
        Case(String name, Map<String, String> parameters, RuleParameters expected) {
            this(name, parameters, expected, Set.of());
        }

        RuleParameters expectedBy(String ruleId) {
            return ruleId.contains("Launcher")
                    ? new RuleParameters(Set.of(), expected.exemptionTagKey(), launcherArns)
                    : expected;
        }
    }

    private static List<Case> cases() {
        String maxArns = longestAllowedArnList();
        String maxTagKey = "k".repeat(maxLength(Templates.RULE_TEMPLATE, "ExemptionTagKey"));
        return List.of(
                new Case("defaults", Map.of(), RuleParameters.NONE),
                new Case(
                        "ARNs only",
                        Map.of("ExemptEcsServiceArns", ARN),
                        new RuleParameters(Set.of(ARN), Optional.empty())),
                new Case(
                        "tag key only",
                        Map.of("ExemptionTagKey", TAG_KEY),
                        new RuleParameters(Set.of(), Optional.of(TAG_KEY))),
                new Case(
                        "both",
                        Map.of("ExemptEcsServiceArns", ARN + "," + LONG_ARN, "ExemptionTagKey", TAG_KEY),
                        new RuleParameters(Set.of(ARN, LONG_ARN), Optional.of(TAG_KEY))),
                new Case(
                        "both at their maxima",
                        Map.of("ExemptEcsServiceArns", maxArns, "ExemptionTagKey", maxTagKey),
                        new RuleParameters(Set.copyOf(List.of(maxArns.split(","))), Optional.of(maxTagKey))),
                new Case(
                        "launcher ARNs only",
                        Map.of("ExemptLauncherArns", RULE_ARN),
                        RuleParameters.NONE,
                        Set.of(RULE_ARN)),
                new Case(
                        "every parameter at its maximum",
                        Map.of(
                                "ExemptEcsServiceArns", maxArns,
                                "ExemptionTagKey", maxTagKey,
                                "ExemptLauncherArns", longestLauncherArnList()),
                        new RuleParameters(Set.copyOf(List.of(maxArns.split(","))), Optional.of(maxTagKey)),
                        Set.copyOf(List.of(longestLauncherArnList().split(",")))));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleGetsCompactJsonWithoutBlankValuesWithinTheLimit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : TEMPLATES) {
            Map<String, Object> template = Templates.load(name);
            Map<String, Map<String, Object>> rules = rules(template);
            assertEquals(3, rules.size(), name);
            for (Case c : cases()) {
                rules.forEach((id, rule) -> tests.add(DynamicTest.dynamicTest(name + " " + id + " " + c.name(), () -> {
                    Map<String, Object> parameters = Templates.parameterValues(template, c.parameters());
                    String json = inputParameters(rule, template, parameters);
                    RuleParameters expected = c.expectedBy(id);
                    if (json == null) {
                        assertEquals(RuleParameters.NONE, expected, "InputParameters left out, yet values were set");
                        return;
                    }
                    JsonObject object = JsonParser.parseString(json).getAsJsonObject();
                    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
                        assertTrue(
                                entry.getValue().isJsonPrimitive()
                                        && entry.getValue().getAsJsonPrimitive().isString(),
                                entry.getKey() + " must be a JSON string: " + json);
                        assertFalse(entry.getValue().getAsString().isBlank(), entry.getKey() + " is blank: " + json);
                    }
                    assertEquals(object.toString(), json, "compact JSON, no spaces between tokens");
                    assertTrue(json.length() <= MAX_INPUT_PARAMETERS, json.length() + " characters: " + json);
                    assertEquals(expected, RuleParametersJson.parse(json), json);
                })));
            }
        }
        return tests.stream();
    }

    @Test
    void theArnListsMaxLengthIsAllThatFitsBesideTheLongestTagKey() {
        for (String name : TEMPLATES) {
            Map<String, Object> template = Templates.load(name);
            Map<String, Object> parameters = Templates.parameterValues(
                    template,
                    Map.of(
                            "ExemptEcsServiceArns", longestAllowedArnList(),
                            "ExemptionTagKey", "k".repeat(maxLength(name, "ExemptionTagKey")),
                            "ExemptLauncherArns", longestLauncherArnList()));
            for (Map<String, Object> rule : rules(template).values()) {
                assertEquals(
                        MAX_INPUT_PARAMETERS,
                        inputParameters(rule, template, parameters).length(),
                        name + ": MaxLength leaves no room unused and allows nothing over the limit");
            }
            assertEquals(128, maxLength(name, "ExemptionTagKey"), "a tag key is at most 128 characters");
        }
    }

    /** docs/rule.md says how many ARNs fit: seven of the longest realistic ones, not eight. */
    @Test
    void sevenLongServiceArnsFit() {
        int maxLength = maxLength(Templates.RULE_TEMPLATE, "ExemptEcsServiceArns");
        assertEquals(113, LONG_ARN.length());
        assertTrue(String.join(",", Collections.nCopies(7, LONG_ARN)).length() <= maxLength);
        assertTrue(String.join(",", Collections.nCopies(8, LONG_ARN)).length() > maxLength);
    }

    @Test
    void theParametersRefuseWhitespaceQuotesAndBackslashesAlikeInEveryTemplate() {
        for (String name : TEMPLATES) {
            Pattern arns = allowedPattern(name, "ExemptEcsServiceArns");
            assertTrue(arns.matcher("").matches(), name);
            assertTrue(arns.matcher(ARN + "," + LONG_ARN).matches(), name);
            for (String bad :
                    List.of(ARN + ", " + LONG_ARN, " " + ARN, ARN + "\t", ARN + "\n", "\"" + ARN, ARN + "\\")) {
                assertFalse(arns.matcher(bad).matches(), name + " accepts " + new Gson().toJson(bad));
            }
            Pattern tag = allowedPattern(name, "ExemptionTagKey");
            assertTrue(tag.matcher("").matches(), name);
            assertTrue(tag.matcher("public ip justification").matches(), "tag keys may hold spaces inside");
            for (String bad : List.of(" key", "key ", "ke\"y", "ke\\y")) {
                assertFalse(tag.matcher(bad).matches(), name + " accepts " + new Gson().toJson(bad));
            }
            assertEquals(
                    maxLength(Templates.RULE_TEMPLATE, "ExemptEcsServiceArns"),
                    maxLength(name, "ExemptEcsServiceArns"));
            Pattern launchers = allowedPattern(name, "ExemptLauncherArns");
            assertTrue(launchers.matcher(RULE_ARN + "," + RULE_ARN).matches(), name);
            assertFalse(launchers.matcher(RULE_ARN + ", " + RULE_ARN).matches(), name);
            assertFalse(launchers.matcher("\"" + RULE_ARN).matches(), name);
            assertEquals(
                    maxLength(Templates.RULE_TEMPLATE, "ExemptLauncherArns"), maxLength(name, "ExemptLauncherArns"));
        }
    }

    /** The rules of a template, account or organization ones. */
    private static Map<String, Map<String, Object>> rules(Map<String, Object> template) {
        Map<String, Map<String, Object>> resources = Templates.resources(template);
        Map<String, Map<String, Object>> rules =
                new java.util.LinkedHashMap<>(Templates.ofType(resources, "AWS::Config::ConfigRule"));
        rules.putAll(Templates.ofType(resources, "AWS::Config::OrganizationConfigRule"));
        return rules;
    }

    /**
     * The InputParameters string Config receives, or null when the property is left out. A map (account
     * rules, conformance pack) is serialised as CloudFormation passes a JSON property on; a string
     * (organization rules) is taken as written.
     */
    private static String inputParameters(
            Map<String, Object> rule, Map<String, Object> template, Map<String, Object> parameters) {
        Map<String, Object> properties = Templates.properties(rule);
        Object raw = properties.containsKey("OrganizationCustomRuleMetadata")
                ? Templates.map(properties.get("OrganizationCustomRuleMetadata"))
                        .get("InputParameters")
                : properties.get("InputParameters");
        Object value = Templates.resolve(raw, template, parameters);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> map = Templates.map(value);
        return map.isEmpty() ? null : new Gson().toJson(map);
    }

    private static String longArn(int cluster) {
        return "arn:aws:ecs:ap-southeast-2:123456789012:service/" + "c".repeat(31) + cluster + "/" + "s".repeat(32);
    }

    private static String longestAllowedArnList() {
        int maxLength = maxLength(Templates.RULE_TEMPLATE, "ExemptEcsServiceArns");
        StringBuilder list = new StringBuilder(longArn(0));
        for (int i = 1; list.length() + 1 + LONG_ARN.length() <= maxLength; i++) {
            list.append(',').append(longArn(i));
        }
        // The last ARN's service name grows to fill the remaining characters: the longest value allowed.
        list.append("s".repeat(maxLength - list.length()));
        return list.toString();
    }

    /** EventBridge rule ARNs (the longest commercial region, 64-character names) up to ExemptLauncherArns' MaxLength. */
    private static String longestLauncherArnList() {
        int maxLength = maxLength(Templates.RULE_TEMPLATE, "ExemptLauncherArns");
        String prefix = "arn:aws:events:ap-southeast-2:123456789012:rule/";
        StringBuilder list = new StringBuilder(prefix + "r".repeat(64));
        for (int i = 1; list.length() + 1 + prefix.length() + 64 <= maxLength; i++) {
            list.append(',').append(prefix).append(String.format("%064d", i));
        }
        list.append("r".repeat(maxLength - list.length()));
        return list.toString();
    }

    private static Map<String, Object> parameter(String template, String name) {
        return Templates.map(
                Templates.map(Templates.load(template).get("Parameters")).get(name));
    }

    private static int maxLength(String template, String name) {
        Object maxLength = parameter(template, name).get("MaxLength");
        assertNotNull(maxLength, template + " " + name + " has no MaxLength");
        return Integer.parseInt(String.valueOf(maxLength));
    }

    private static Pattern allowedPattern(String template, String name) {
        Object pattern = parameter(template, name).get("AllowedPattern");
        assertNotNull(pattern, template + " " + name + " has no AllowedPattern");
        return Pattern.compile(String.valueOf(pattern));
    }

    @Test
    void aDefaultDeploymentLeavesTheOrganizationRulesWithoutInputParameters() {
        Map<String, Object> template = Templates.load(Templates.ORGANIZATION_RULES);
        for (Map<String, Object> rule : rules(template).values()) {
            assertNull(inputParameters(rule, template, Templates.parameterValues(template, Map.of())));
        }
    }
}
