package dev.ecspublicip.deploy;

import dev.ecspublicip.check.CloudFormationYaml;
import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's CloudFormation templates (named by their path from the repository root) as CloudFormation
 * sees them: read by the reader {@code check} runs ({@link CloudFormationYaml}: short-form tags, duplicate
 * keys refused), {@code Fn::ForEach} loops of the {@code AWS::LanguageExtensions} transform expanded, and local
 * artifact paths replaced by S3 locations as {@code aws cloudformation package} does.
 */
public final class Templates {
    public static final String RULE_TEMPLATE = "rule-template.yaml";
    public static final String CONFORMANCE_PACK = "deploy/conformance-pack.yaml";
    public static final String MEMBER_ROLE = "deploy/member-role-template.yaml";
    public static final String ORGANIZATION_PERMISSIONS = "deploy/organization-permissions-template.yaml";
    public static final String ORGANIZATION_RULES = "deploy/organization-rules-template.yaml";
    public static final String SERVICE_CONTROL_POLICY = "deploy/service-control-policy-template.yaml";
    public static final List<String> ALL = List.of(
            RULE_TEMPLATE,
            CONFORMANCE_PACK,
            MEMBER_ROLE,
            ORGANIZATION_PERMISSIONS,
            ORGANIZATION_RULES,
            SERVICE_CONTROL_POLICY);

    /** What a list parameter a loop iterates over stands for in tests: two member accounts. */
    public static final List<String> SAMPLE_ACCOUNTS = List.of("111122223333", "444455556666");

    private static final String FOR_EACH = "Fn::ForEach::";

    private Templates() {}

    public static Map<String, Object> load(String name) {
        return load(Reference.projectDir().resolve(name));
    }

    /** Any template file, read as {@link #load(String)} reads the project's. */
    public static Map<String, Object> load(Path file) {
        try {
            return map(CloudFormationYaml.load(
                    Files.readString(file), file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template's resources, by logical id, with every {@code Fn::ForEach} loop expanded. */
    public static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
        return expand(map(template.get("Resources")));
    }

    /** The resources of one type, by logical id. */
    public static Map<String, Map<String, Object>> ofType(Map<String, Map<String, Object>> resources, String type) {
        Map<String, Map<String, Object>> matching = new LinkedHashMap<>();
        resources.forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                matching.put(id, resource);
            }
        });
        return matching;
    }

    /** A resource's Properties (empty when it has none). */
    public static Map<String, Object> properties(Map<String, Object> resource) {
        Object properties = resource.get("Properties");
        return properties == null ? Map.of() : map(properties);
    }

    /**
     * The resource's Properties as {@code aws cloudformation package} leaves them: a function's local
     * {@code Code} path becomes the S3 location it was uploaded to.
     */
    public static Map<String, Object> packagedProperties(Map<String, Object> resource) {
        Map<String, Object> properties = new LinkedHashMap<>(properties(resource));
        if ("AWS::Lambda::Function".equals(resource.get("Type")) && properties.get("Code") instanceof String) {
            properties.put("Code", Map.of("S3Bucket", "artifact-bucket", "S3Key", "0123456789abcdef0123456789abcdef"));
        }
        return properties;
    }

    /**
     * Every value a property can take, whatever the conditions: both branches of each {@code Fn::If}
     * (nested ones too), {@code AWS::NoValue} dropped; any other value is its only alternative.
     */
    public static List<Object> alternatives(Object value) {
        List<Object> values = new ArrayList<>();
        if (value instanceof Map<?, ?> function && function.size() == 1 && function.containsKey("Fn::If")) {
            List<?> branches = (List<?>) function.get("Fn::If");
            values.addAll(alternatives(branches.get(1)));
            values.addAll(alternatives(branches.get(2)));
        } else if (!(value instanceof Map<?, ?> ref
                && Map.of("Ref", "AWS::NoValue").equals(ref))) {
            values.add(value);
        }
        return values;
    }

    /** A copy of {@code value} in which every {@code {Ref: parameter}} is the parameter's value. */
    public static Object withRef(Object value, String parameter, Object parameterValue) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && parameter.equals(map.get("Ref"))) {
                return parameterValue;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), withRef(v, parameter, parameterValue)));
            return copy;
        }
        if (value instanceof List<?> items) {
            return items.stream()
                    .map(v -> withRef(v, parameter, parameterValue))
                    .toList();
        }
        return value;
    }

    /**
     * The parameter values a deployment gives: each parameter's {@code Default}, overridden by
     * {@code overrides}; a CommaDelimitedList becomes its list of values.
     */
    public static Map<String, Object> parameterValues(Map<String, Object> template, Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        map(template.getOrDefault("Parameters", Map.of())).forEach((name, definition) -> {
            Map<String, Object> declared = map(definition);
            Object value = overrides.containsKey(name) ? overrides.get(name) : declared.get("Default");
            if (value != null) {
                String text = String.valueOf(value);
                values.put(
                        name, "CommaDelimitedList".equals(declared.get("Type")) ? List.of(text.split(",", -1)) : text);
            }
        });
        return values;
    }

    /**
     * {@code value} as CloudFormation resolves it for these parameter values: {@code Ref} to a parameter,
     * {@code Fn::Sub} over parameters, {@code Fn::If} by the template's Conditions, and
     * {@code AWS::NoValue} removed from maps and lists. Other intrinsics (Fn::GetAtt, Fn::ImportValue,
     * Refs to resources) are left as they are; a Ref to a parameter without a value is an error.
     */
    public static Object resolve(Object value, Map<String, Object> template, Map<String, Object> parameters) {
        Object resolved = resolveOrNoValue(value, template, parameters);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** Whether a resource with this {@code Condition} (or none) is created for these parameter values. */
    public static boolean created(
            Map<String, Object> resource, Map<String, Object> template, Map<String, Object> parameters) {
        Object condition = resource.get("Condition");
        return condition == null || condition(String.valueOf(condition), template, parameters);
    }

    private static final Object NO_VALUE = new Object();

    private static boolean condition(String name, Map<String, Object> template, Map<String, Object> parameters) {
        Object definition = map(template.get("Conditions")).get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return truth(definition, template, parameters);
    }

    private static boolean truth(Object expression, Map<String, Object> template, Map<String, Object> parameters) {
        Map<String, Object> function = map(expression);
        String key = function.keySet().iterator().next();
        List<Object> arguments = list(function.get(key));
        return switch (key) {
            case "Condition" -> condition(String.valueOf(function.get(key)), template, parameters);
            case "Fn::Not" -> !truth(arguments.get(0), template, parameters);
            case "Fn::And" -> arguments.stream().allMatch(a -> truth(a, template, parameters));
            case "Fn::Or" -> arguments.stream().anyMatch(a -> truth(a, template, parameters));
            case "Fn::Equals" ->
                String.valueOf(resolve(arguments.get(0), template, parameters))
                        .equals(String.valueOf(resolve(arguments.get(1), template, parameters)));
            default -> throw new IllegalArgumentException("condition function not understood: " + key);
        };
    }

    private static Object resolveOrNoValue(Object value, Map<String, Object> template, Map<String, Object> parameters) {
        if (value instanceof List<?> items) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : items) {
                Object r = resolveOrNoValue(item, template, parameters);
                if (r != NO_VALUE) {
                    resolved.add(r);
                }
            }
            return resolved;
        }
        if (!(value instanceof Map<?, ?> raw)) {
            return value;
        }
        Map<String, Object> map = map(raw);
        if (map.size() == 1 && map.containsKey("Ref")) {
            String name = String.valueOf(map.get("Ref"));
            if (name.equals("AWS::NoValue")) {
                return NO_VALUE;
            }
            if (map(template.getOrDefault("Parameters", Map.of())).containsKey(name)) {
                if (!parameters.containsKey(name)) {
                    throw new IllegalArgumentException("parameter " + name + " has no value");
                }
                return parameters.get(name);
            }
            return value;
        }
        if (map.size() == 1 && map.containsKey("Fn::If")) {
            List<Object> branches = list(map.get("Fn::If"));
            return resolveOrNoValue(
                    condition(String.valueOf(branches.get(0)), template, parameters)
                            ? branches.get(1)
                            : branches.get(2),
                    template,
                    parameters);
        }
        if (map.size() == 1 && map.get("Fn::Sub") instanceof String text) {
            java.util.regex.Matcher matcher =
                    java.util.regex.Pattern.compile("\\$\\{([^!}][^}]*)}").matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                Object replacement = parameters.containsKey(name) ? parameters.get(name) : matcher.group();
                matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(String.valueOf(replacement)));
            }
            matcher.appendTail(out);
            return out.toString();
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Object r = resolveOrNoValue(v, template, parameters);
            if (r != NO_VALUE) {
                resolved.put(k, r);
            }
        });
        return resolved;
    }

    /** True for {@code {Ref: ...}}, {@code {Condition: ...}} and {@code {Fn::...: ...}}. */
    public static boolean isIntrinsic(Object value) {
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : List.of(value);
    }

    private static Map<String, Map<String, Object>> expand(Map<String, Object> section) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        section.forEach((key, value) -> {
            if (!key.startsWith(FOR_EACH)) {
                resources.put(key, map(value));
                return;
            }
            List<Object> loop = list(value);
            String identifier = (String) loop.get(0);
            for (String item : collection(loop.get(1))) {
                Map<String, Object> fragment = map(substitute(loop.get(2), identifier, item));
                resources.putAll(expand(fragment));
            }
        });
        return resources;
    }

    private static List<String> collection(Object collection) {
        if (collection instanceof List<?> items) {
            return items.stream().map(String::valueOf).toList();
        }
        if (isIntrinsic(collection) && map(collection).containsKey("Ref")) {
            return SAMPLE_ACCOUNTS;
        }
        throw new IllegalArgumentException("Fn::ForEach collection not understood: " + collection);
    }

    /** The loop body for one item: in keys and Fn::Sub strings ${id} and &{id}, and {Ref: id}, become the item. */
    private static Object substitute(Object value, String identifier, String item) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && identifier.equals(map.get("Ref"))) {
                return item;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = replace(String.valueOf(k), identifier, item);
                copy.put(
                        key,
                        key.equals("Fn::Sub") ? substituteSub(v, identifier, item) : substitute(v, identifier, item));
            });
            return copy;
        }
        if (value instanceof List<?> items) {
            return items.stream().map(v -> substitute(v, identifier, item)).toList();
        }
        return value;
    }

    private static Object substituteSub(Object sub, String identifier, String item) {
        if (sub instanceof String text) {
            return replace(text, identifier, item);
        }
        List<Object> form = new ArrayList<>(list(sub));
        form.set(0, replace((String) form.get(0), identifier, item));
        form.set(1, substitute(form.get(1), identifier, item));
        return form;
    }

    private static String replace(String text, String identifier, String item) {
        return text.replace("${" + identifier + "}", item).replace("&{" + identifier + "}", item);
    }
}
