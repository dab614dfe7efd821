package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every resource of every template, as CloudFormation will receive it (loops expanded, local code
 * packaged), is valid against its registry schema; and every name the templates refer to exists.
 */
class TemplateSchemaTest {
    private static final Set<String> PSEUDO_PARAMETERS = Set.of(
            "AWS::AccountId",
            "AWS::NotificationARNs",
            "AWS::NoValue",
            "AWS::Partition",
            "AWS::Region",
            "AWS::StackId",
            "AWS::StackName",
            "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final CloudFormationSchemas schemas = new CloudFormationSchemas();

    @TestFactory
    Stream<DynamicTest> everyResourceMatchesItsRegistrySchema() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Templates.ALL) {
            Templates.resources(Templates.load(name))
                    .forEach((id, resource) -> tests.add(DynamicTest.dynamicTest(
                            name + " " + id + " (" + resource.get("Type") + ")",
                            () -> assertEquals(
                                    List.of(),
                                    schemas.problems(
                                            (String) resource.get("Type"), Templates.packagedProperties(resource)),
                                    name + " " + id))));
        }
        return tests.stream();
    }

    /**
     * A parameter's value replaces its Ref at deploy time, so each value a parameter allows (or its
     * default) must make every resource it feeds valid: a frequency or retention the property's enum
     * lacks is caught here, not by a failed deployment.
     */
    @TestFactory
    Stream<DynamicTest> everyAllowedParameterValueYieldsValidResources() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Templates.ALL) {
            Map<String, Object> template = Templates.load(name);
            Map<String, Map<String, Object>> resources = Templates.resources(template);
            Templates.map(template.getOrDefault("Parameters", Map.of())).forEach((parameter, definition) -> {
                Map<String, Object> declared = Templates.map(definition);
                List<Object> values = new ArrayList<>();
                if (declared.get("AllowedValues") != null) {
                    values.addAll(Templates.list(declared.get("AllowedValues")));
                } else if (declared.get("Default") != null && !"CommaDelimitedList".equals(declared.get("Type"))) {
                    values.add(declared.get("Default"));
                }
                for (Object value : values) {
                    tests.add(DynamicTest.dynamicTest(name + " " + parameter + "=" + value, () -> {
                        List<String> problems = new ArrayList<>();
                        resources.forEach((id, resource) -> schemas.problems(
                                        (String) resource.get("Type"),
                                        Templates.map(Templates.withRef(
                                                Templates.packagedProperties(resource), parameter, value)))
                                .forEach(problem -> problems.add(id + problem)));
                        assertEquals(List.of(), problems, name + " with " + parameter + "=" + value);
                    }));
                }
            });
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyParameterDefaultIsAnAllowedValue() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Templates.ALL) {
            Templates.map(Templates.load(name).getOrDefault("Parameters", Map.of()))
                    .forEach((parameter, definition) -> {
                        Map<String, Object> declared = Templates.map(definition);
                        if (declared.containsKey("Default")) {
                            tests.add(DynamicTest.dynamicTest(name + " " + parameter, () -> {
                                String value = String.valueOf(declared.get("Default"));
                                if (declared.get("AllowedValues") != null) {
                                    assertTrue(
                                            Templates.list(declared.get("AllowedValues")).stream()
                                                    .map(String::valueOf)
                                                    .anyMatch(value::equals),
                                            parameter + " default " + value);
                                }
                                if (declared.get("AllowedPattern") != null) {
                                    assertTrue(
                                            Pattern.compile((String) declared.get("AllowedPattern"))
                                                    .matcher(value)
                                                    .matches(),
                                            parameter + " default '" + value + "' vs "
                                                    + declared.get("AllowedPattern"));
                                }
                            }));
                        }
                    });
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceNamesAParameterResourceOrCondition() {
        return Templates.ALL.stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Map<String, Object> template = Templates.load(name);
                    assertEquals(List.of(), danglingReferences(template), name);
                }));
    }

    @Test
    void theSchemaCheckCatchesWhatCloudFormationWouldRefuse() {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("Role", Map.of("Fn::GetAtt", List.of("EvaluatorRole", "Arn")));
        function.put("Code", Map.of("S3Bucket", "artifacts", "S3Key", "k"));
        function.put("Runtime", "java22");
        function.put("MemorySize", 64);
        function.put("Handler", "has spaces::handleRequest");
        function.put("Timeout", Map.of("Ref", "Timeout"));
        function.put("Architectures", List.of(Map.of("Ref", "Architecture")));
        function.put("Arn", "arn:aws:lambda:us-east-1:123456789012:function:f");
        function.put("MemorySizeInMb", 512);

        List<String> problems = schemas.problems("AWS::Lambda::Function", function);

        assertEquals(5, problems.size(), problems.toString());
        for (String property : List.of("/Runtime", "/MemorySize", "/Handler", "/Arn", "/")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(property + ": ")), property + " in " + problems);
        }
    }

    @Test
    void anIntrinsicIsAcceptedWhereverAValueGoesButWhatSurroundsItIsChecked() {
        Map<String, Object> permission = new LinkedHashMap<>();
        permission.put("FunctionName", Map.of("Fn::If", List.of("UseSnapStart", Map.of("Ref", "Alias"), "f")));
        permission.put("Action", "lambda:InvokeFunction");
        permission.put("SourceAccount", Map.of("Ref", "AWS::AccountId"));

        assertEquals(
                List.of("/: required property 'Principal' not found"),
                schemas.problems("AWS::Lambda::Permission", permission));
    }

    @Test
    void aResourceTypeWithoutARegistrySchemaIsAProblem() {
        List<String> problems = schemas.problems("AWS::CloudFormation::WaitConditionHandle", Map.of());

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("no registry schema for AWS::CloudFormation::WaitConditionHandle"));
    }

    /** Ref, Fn::GetAtt, Fn::Sub variables, Condition names and DependsOn that name nothing in the template. */
    static List<String> danglingReferences(Map<String, Object> template) {
        Set<String> parameters = keys(template.get("Parameters"));
        Set<String> conditions = keys(template.get("Conditions"));
        Map<String, Map<String, Object>> resources = Templates.resources(template);
        Set<String> refs = new HashSet<>(parameters);
        refs.addAll(resources.keySet());
        refs.addAll(PSEUDO_PARAMETERS);
        List<String> problems = new ArrayList<>();
        resources.forEach((id, resource) -> {
            String condition = (String) resource.get("Condition");
            if (condition != null && !conditions.contains(condition)) {
                problems.add(id + ": Condition " + condition);
            }
            for (Object dependency :
                    resource.get("DependsOn") == null ? List.of() : Templates.list(resource.get("DependsOn"))) {
                if (!resources.containsKey(dependency)) {
                    problems.add(id + ": DependsOn " + dependency);
                }
            }
            collect(resource.get("Properties"), refs, resources.keySet(), conditions, id, problems);
        });
        for (String section : List.of("Conditions", "Outputs", "Rules")) {
            collect(template.get(section), refs, resources.keySet(), conditions, section, problems);
        }
        return problems;
    }

    private static void collect(
            Object value,
            Set<String> refs,
            Set<String> resources,
            Set<String> conditions,
            String where,
            List<String> problems) {
        if (value instanceof List<?> items) {
            items.forEach(item -> collect(item, refs, resources, conditions, where, problems));
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return;
        }
        if (Templates.isIntrinsic(map)) {
            String function = String.valueOf(map.keySet().iterator().next());
            Object argument = map.values().iterator().next();
            switch (function) {
                case "Ref" -> check(refs.contains(argument), where + ": Ref " + argument, problems);
                case "Condition" -> check(conditions.contains(argument), where + ": Condition " + argument, problems);
                case "Fn::GetAtt" ->
                    check(
                            resources.contains(Templates.list(argument).get(0)),
                            where + ": Fn::GetAtt " + argument,
                            problems);
                case "Fn::If" ->
                    check(
                            conditions.contains(Templates.list(argument).get(0)),
                            where + ": Fn::If on condition "
                                    + Templates.list(argument).get(0),
                            problems);
                case "Fn::Sub" -> {
                    List<Object> form = Templates.list(argument);
                    Set<String> local = form.size() > 1 ? keys(form.get(1)) : Set.of();
                    Matcher variables = SUB_VARIABLE.matcher((String) form.get(0));
                    while (variables.find()) {
                        String name = variables.group(1).split("\\.")[0];
                        check(
                                refs.contains(name) || local.contains(name),
                                where + ": ${" + variables.group(1) + "}",
                                problems);
                    }
                }
                default -> {}
            }
        }
        map.forEach((k, v) -> {
            if (!"Condition".equals(k) || !(v instanceof String)) {
                collect(v, refs, resources, conditions, where, problems);
            } else {
                check(conditions.contains(v), where + ": Condition " + v, problems);
            }
        });
    }

    private static void check(boolean ok, String problem, List<String> problems) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static Set<String> keys(Object section) {
        return section == null ? Set.of() : Templates.map(section).keySet();
    }
}
