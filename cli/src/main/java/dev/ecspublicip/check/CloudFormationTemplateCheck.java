package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.ConfigurationItemParser;
import dev.ecspublicip.config.JsonInput;
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
 * resolved: {@code NetworkConfiguration}, {@code Tags} and the names that place the service.
 * <ul>
 *   <li>{@code Ref} to a template parameter is its {@code --parameter} value, else its {@code Default};
 *       {@code AWS::NoValue} removes the property; {@code Fn::Sub} over such values is substituted.</li>
 *   <li>{@code Fn::If} is judged on each branch; a NON_COMPLIANT branch makes the resource NON_COMPLIANT,
 *       the annotation naming the condition.</li>
 *   <li>Any other intrinsic (or a Ref that has no value offline) at {@code NetworkConfiguration}, its awsvpc
 *       block or {@code AssignPublicIp} fails closed: NON_COMPLIANT, saying so. In subnets and security
 *       groups it does not matter; in names and tags it exempts nothing.</li>
 * </ul>
 */
final class CloudFormationTemplateCheck {
    /** At most this many Fn::If combinations per resource; more is reported as input we will not judge. */
    private static final int MAX_VARIANTS = 64;
    /** Marks a value known only at deployment; never printed (see {@link #describe}). */
    private static final String UNRESOLVED = "\u0000";

    private static final String NO_VALUE = "\u0000AWS::NoValue";
    private static final List<String> READ =
            List.of("NetworkConfiguration", "Tags", "ServiceName", "Cluster", "Service");
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

    private Verdict judge(String type, String logicalId, JsonObject properties, String path) {
        JsonObject read = new JsonObject();
        for (String name : READ) {
            if (properties.has(name)) {
                read.add(name, properties.get(name));
            }
        }
        List<Variant> variants = expand(read, path);
        List<Verdict> verdicts = new ArrayList<>();
        for (Variant variant : variants) {
            verdicts.add(judgeVariant(type, logicalId, variant.value().getAsJsonObject(), path));
        }
        int worst = 0;
        for (int i = 1; i < verdicts.size(); i++) {
            if (severity(verdicts.get(i)) > severity(verdicts.get(worst))) {
                worst = i;
            }
        }
        Verdict verdict = verdicts.get(worst);
        boolean allAlike = verdicts.stream().allMatch(v -> v.compliance() == verdict.compliance());
        List<String> conditions = variants.get(worst).conditions();
        if (allAlike || conditions.isEmpty()) {
            return verdict;
        }
        return new Verdict(
                verdict.compliance(), "If " + String.join(" and ", conditions) + ": " + verdict.annotation());
    }

    private Verdict judgeVariant(String type, String logicalId, JsonObject properties, String path) {
        JsonElement network = properties.remove("NetworkConfiguration");
        sanitiseNames(properties);
        EcsResource named = ConfigurationItemParser.fromResourceProperties(
                type, logicalId, properties, checker.ecsArnPrefix(), path);
        if (network != null) {
            if (isUnresolved(network)) {
                return Checker.unknownUntilDeployed("NetworkConfiguration of " + named.label(), atDeployment(network));
            }
            if (network.isJsonObject()) {
                for (Map.Entry<String, JsonElement> block :
                        network.getAsJsonObject().entrySet()) {
                    if (!Ascii.equalsIgnoreCase(block.getKey(), "awsvpcConfiguration")) {
                        continue;
                    }
                    if (isUnresolved(block.getValue())) {
                        return Checker.unknownUntilDeployed(
                                block.getKey() + " of " + named.label(), atDeployment(block.getValue()));
                    }
                    if (block.getValue().isJsonObject()) {
                        for (Map.Entry<String, JsonElement> field :
                                block.getValue().getAsJsonObject().entrySet()) {
                            if (!isUnresolved(field.getValue())) {
                                continue;
                            }
                            if (Ascii.equalsIgnoreCase(field.getKey(), "assignPublicIp")) {
                                return Checker.unknownUntilDeployed(
                                        "AssignPublicIp of " + named.label(), atDeployment(field.getValue()));
                            }
                            // Subnets and security groups do not decide the verdict.
                            field.setValue(new JsonArray());
                        }
                    }
                }
            }
            properties.add("NetworkConfiguration", network);
        }
        return checker.judge(ConfigurationItemParser.fromResourceProperties(
                type, logicalId, properties, checker.ecsArnPrefix(), path));
    }

    /** Names known only at deployment name nothing; a tag whose key is unknown exempts nothing. */
    private static void sanitiseNames(JsonObject properties) {
        for (String name : List.of("ServiceName", "Cluster", "Service")) {
            if (properties.has(name) && isUnresolved(properties.get(name))) {
                properties.remove(name);
            }
        }
        JsonElement tags = properties.get("Tags");
        if (tags != null && tags.isJsonArray()) {
            JsonArray kept = new JsonArray();
            for (JsonElement tag : tags.getAsJsonArray()) {
                if (tag.isJsonObject()) {
                    JsonObject copy = tag.getAsJsonObject().deepCopy();
                    if (isUnresolved(copy.get("Key"))) {
                        continue;
                    }
                    if (isUnresolved(copy.get("Value"))) {
                        copy.addProperty("Value", "(" + describe(copy.get("Value")) + " at deployment)");
                    }
                    kept.add(copy);
                }
            }
            properties.add("Tags", kept);
        } else if (tags != null && isUnresolved(tags)) {
            properties.remove("Tags");
        }
    }

    private static int severity(Verdict verdict) {
        return switch (verdict.compliance()) {
            case NON_COMPLIANT -> 2;
            case COMPLIANT -> 1;
            case NOT_APPLICABLE -> 0;
        };
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

    private static boolean isUnresolved(JsonElement value) {
        return value != null && value.isJsonPrimitive() && value.getAsString().startsWith(UNRESOLVED);
    }

    private static String describe(JsonElement unresolved) {
        return "set by " + unresolved.getAsString().substring(UNRESOLVED.length());
    }

    private static String atDeployment(JsonElement unresolved) {
        return "is " + describe(unresolved) + ", known only at deployment";
    }
}
