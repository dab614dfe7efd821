package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.CloudFormationProperties;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.Alternative;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation template: every {@code AWS::ECS::Service} and {@code AWS::ECS::TaskSet}, judged as if
 * created (a resource {@code Condition} is not evaluated). Only the properties the rule reads are
 * resolved: {@code NetworkConfiguration}, {@code Tags} and the names that place the service; the rule
 * judges what comes out ({@link dev.ecspublicip.rule.Rules#judgeAlternatives}).
 * <ul>
 *   <li>{@code Ref} to a template parameter is its {@code --parameter} value, else its {@code Default};
 *       {@code AWS::NoValue} removes the property; {@code Fn::Sub} over such values is substituted.</li>
 *   <li>{@code Fn::If} is judged on each branch; a NON_COMPLIANT branch makes the resource NON_COMPLIANT,
 *       the annotation naming the condition.</li>
 *   <li>Any other intrinsic (or a Ref that has no value offline) is a value known only at deployment
 *       ({@link CloudFormationProperties#readTemplate}): at {@code NetworkConfiguration}, its awsvpc block or
 *       {@code AssignPublicIp} the rule fails closed on it (NON_COMPLIANT unless exempt). In subnets and
 *       security groups it does not matter; in names and tag keys it exempts nothing.</li>
 * </ul>
 */
final class CloudFormationTemplateCheck {
    /** At most this many Fn::If combinations per resource; more is reported as input we will not judge. */
    private static final int MAX_VARIANTS = 64;
    /** Marks a value known only at deployment; never printed (see {@link #setBy}). */
    private static final String UNRESOLVED = "\u0000";

    private static final String NO_VALUE = "\u0000AWS::NoValue";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Checker checker;
    private final String file;
    private final JsonObject template;

    /** One way the properties can come out, and the conditions (with their branch) that lead to it. */
    private record Variant(JsonElement value, List<String> conditions) {}

    CloudFormationTemplateCheck(Checker checker, String file, JsonObject template) {
        this.checker = checker;
        this.file = file;
        this.template = template;
    }

    List<CheckedResource> check() {
        List<CheckedResource> results = new ArrayList<>();
        check(JsonInput.requiredObject(template, "Resources", ""), "Resources", results);
        return results;
    }

    /**
     * The resources of a section; a {@code Fn::ForEach} loop (AWS::LanguageExtensions) is judged once per
     * resource of its fragment, named as written there: its loop variable is known only at deployment.
     */
    private void check(JsonObject resources, String sectionPath, List<CheckedResource> results) {
        for (Map.Entry<String, JsonElement> entry : resources.entrySet()) {
            String path = sectionPath + "." + entry.getKey();
            if (entry.getKey().startsWith("Fn::ForEach::")) {
                JsonElement loop = entry.getValue();
                if (!loop.isJsonArray()
                        || loop.getAsJsonArray().size() != 3
                        || !loop.getAsJsonArray().get(2).isJsonObject()) {
                    throw new BadInputException(path, "must be [IDENTIFIER, COLLECTION, {FRAGMENT}]");
                }
                check(loop.getAsJsonArray().get(2).getAsJsonObject(), path + "[2]", results);
                continue;
            }
            if (!entry.getValue().isJsonObject()) {
                continue;
            }
            JsonObject resource = entry.getValue().getAsJsonObject();
            String type = JsonInput.optionalString(resource, "Type", path).orElse("");
            if (ResourceKind.ofConfigType(type) == ResourceKind.OTHER) {
                continue;
            }
            JsonObject properties =
                    JsonInput.optionalObject(resource, "Properties", path).orElse(new JsonObject());
            results.add(new CheckedResource(
                    file, entry.getKey(), type, judge(type, entry.getKey(), properties, path + ".Properties")));
        }
    }

    /**
     * The rule's verdict on the resource as each combination of the conditions in what the rule reads
     * would make it: only those properties are expanded, so conditions elsewhere do not multiply.
     */
    private Verdict judge(String type, String logicalId, JsonObject properties, String path) {
        JsonObject read = new JsonObject();
        for (Map.Entry<String, JsonElement> property : properties.entrySet()) {
            if (CloudFormationProperties.reads(property.getKey())) {
                read.add(property.getKey(), property.getValue());
            }
        }
        List<Alternative> alternatives = new ArrayList<>();
        for (Variant variant : expand(read, path)) {
            EcsResource resource = CloudFormationProperties.readTemplate(
                    type,
                    logicalId,
                    variant.value().getAsJsonObject(),
                    checker.location(),
                    path,
                    CloudFormationTemplateCheck::setBy);
            alternatives.add(new Alternative(String.join(" and ", variant.conditions()), resource));
        }
        return checker.rule().judgeAlternatives(alternatives);
    }

    private List<Variant> expand(JsonElement value, String path) {
        if (value == null || value.isJsonNull() || value.isJsonPrimitive()) {
            return List.of(new Variant(value, List.of()));
        }
        if (value.isJsonArray()) {
            List<Variant> result = List.of(new Variant(new JsonArray(), List.of()));
            for (JsonElement item : value.getAsJsonArray()) {
                List<Variant> next = new ArrayList<>();
                for (Variant partial : result) {
                    for (Variant option : expand(item, path)) {
                        JsonArray array = partial.value().getAsJsonArray().deepCopy();
                        if (!isNoValue(option.value())) {
                            array.add(option.value());
                        }
                        next.add(new Variant(array, join(partial.conditions(), option.conditions())));
                    }
                }
                result = limit(next, path);
            }
            return result;
        }
        JsonObject object = value.getAsJsonObject();
        if (object.size() == 1) {
            String function = object.keySet().iterator().next();
            JsonElement argument = object.get(function);
            if (function.equals("Ref")) {
                return List.of(new Variant(ref(argument), List.of()));
            }
            if (function.equals("Fn::If")) {
                return fnIf(argument, path);
            }
            if (function.equals("Fn::Sub")) {
                return List.of(new Variant(sub(argument), List.of()));
            }
            if (function.startsWith("Fn::") || function.equals("Condition")) {
                return List.of(new Variant(unresolved(function), List.of()));
            }
        }
        List<Variant> result = List.of(new Variant(new JsonObject(), List.of()));
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            List<Variant> next = new ArrayList<>();
            for (Variant partial : result) {
                for (Variant option : expand(member.getValue(), path)) {
                    JsonObject copy = partial.value().getAsJsonObject().deepCopy();
                    if (!isNoValue(option.value())) {
                        copy.add(member.getKey(), option.value());
                    }
                    next.add(new Variant(copy, join(partial.conditions(), option.conditions())));
                }
            }
            result = limit(next, path);
        }
        return result;
    }

    private List<Variant> fnIf(JsonElement argument, String path) {
        if (!argument.isJsonArray()
                || argument.getAsJsonArray().size() != 3
                || !argument.getAsJsonArray().get(0).isJsonPrimitive()) {
            throw new BadInputException(path, "has an Fn::If that is not [CONDITION, VALUE_IF_TRUE, VALUE_IF_FALSE]");
        }
        JsonArray form = argument.getAsJsonArray();
        String condition = form.get(0).getAsString();
        List<Variant> result = new ArrayList<>();
        for (Variant v : expand(form.get(1), path)) {
            result.add(new Variant(v.value(), join(List.of("condition " + condition + " is true"), v.conditions())));
        }
        for (Variant v : expand(form.get(2), path)) {
            result.add(new Variant(v.value(), join(List.of("condition " + condition + " is false"), v.conditions())));
        }
        return limit(result, path);
    }

    /** A parameter's value (a list parameter as a list), a pseudo parameter given on the command line, or unresolved. */
    private JsonElement ref(JsonElement argument) {
        String name = argument.isJsonPrimitive() ? argument.getAsString() : String.valueOf(argument);
        if (name.equals("AWS::NoValue")) {
            return new JsonPrimitive(NO_VALUE);
        }
        Optional<JsonElement> value = parameterValue(name);
        return value.orElseGet(() -> unresolved("Ref " + name));
    }

    private Optional<JsonElement> parameterValue(String name) {
        JsonElement declared =
                template.has("Parameters") && template.get("Parameters").isJsonObject()
                        ? template.getAsJsonObject("Parameters").get(name)
                        : null;
        Optional<String> given = checker.parameter(name);
        if (declared == null || !declared.isJsonObject()) {
            // A pseudo parameter (AWS::Region...) only when given; a resource's Ref is known only at deployment.
            return name.startsWith("AWS::") ? given.map(JsonPrimitive::new) : Optional.empty();
        }
        JsonObject definition = declared.getAsJsonObject();
        String type = definition.has("Type") && definition.get("Type").isJsonPrimitive()
                ? definition.get("Type").getAsString()
                : "String";
        Optional<JsonElement> value = given.<JsonElement>map(JsonPrimitive::new)
                .or(() -> Optional.ofNullable(definition.get("Default")).filter(d -> !d.isJsonNull()));
        if (value.isEmpty() || type.startsWith("AWS::SSM::Parameter::Value")) {
            return Optional.empty();
        }
        if ((type.equals("CommaDelimitedList") || type.startsWith("List<"))
                && value.get().isJsonPrimitive()) {
            JsonArray list = new JsonArray();
            for (String item : value.get().getAsString().split(",", -1)) {
                list.add(item.strip());
            }
            return Optional.of(list);
        }
        return value;
    }

    /** {@code Fn::Sub} of a string whose every variable is a parameter with a text value; else unresolved. */
    private JsonElement sub(JsonElement argument) {
        if (!argument.isJsonPrimitive()) {
            return unresolved("Fn::Sub");
        }
        String text = argument.getAsString();
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else {
                Optional<JsonElement> value = parameterValue(variable);
                if (value.isEmpty() || !value.get().isJsonPrimitive()) {
                    return unresolved("Fn::Sub");
                }
                replacement = value.get().getAsString();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new JsonPrimitive(out.toString());
    }

    private List<Variant> limit(List<Variant> variants, String path) {
        if (variants.size() > MAX_VARIANTS) {
            throw new BadInputException(
                    path,
                    "has more than " + MAX_VARIANTS + " Fn::If combinations in the"
                            + " properties this rule reads; split the resource's conditions");
        }
        return variants;
    }

    private static List<String> join(List<String> a, List<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static JsonPrimitive unresolved(String function) {
        return new JsonPrimitive(UNRESOLVED + function);
    }

    private static boolean isNoValue(JsonElement value) {
        return value != null && value.isJsonPrimitive() && NO_VALUE.equals(value.getAsString());
    }

    /** What sets a value known only at deployment (as {@link #unresolved} marked it), empty for a value as it will be. */
    private static Optional<String> setBy(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsString().startsWith(UNRESOLVED)
                ? Optional.of(value.getAsString().substring(UNRESOLVED.length()))
                : Optional.empty();
    }
}
