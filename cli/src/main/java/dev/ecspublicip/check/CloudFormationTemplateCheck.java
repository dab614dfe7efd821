package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.CloudFormationProperties;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.Alternative;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import dev.ecspublicip.rule.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation template: every {@code AWS::ECS::Service} and {@code AWS::ECS::TaskSet}, judged as if
 * created unless its {@code Condition} is decided false by the parameters given ({@link TemplateConditions}).
 * {@code Fn::ForEach} is expanded first ({@link ForEachExpansion}). Only the properties the rule reads are
 * resolved: {@code NetworkConfiguration}, {@code Tags} and the names that place the service; the rule judges
 * what comes out ({@link dev.ecspublicip.rule.Rules#judgeAlternatives}).
 * <ul>
 *   <li>{@code Ref} to a template parameter is its {@code --parameter} value, else its {@code Default};
 *       {@code AWS::NoValue} removes the property; {@code Fn::Sub} over such values is substituted.</li>
 *   <li>{@code Fn::If} takes the branch its condition decides; an undecided one is judged on each branch: a
 *       NON_COMPLIANT branch makes the resource NON_COMPLIANT, the annotation naming the condition.</li>
 *   <li>Any other intrinsic, an unknown YAML tag, or a Ref that has no value offline is a value known only at
 *       deployment ({@link CloudFormationProperties#readTemplate}): at {@code NetworkConfiguration}, its awsvpc
 *       block or {@code AssignPublicIp} the rule fails closed on it (NON_COMPLIANT unless exempt). In subnets and
 *       security groups it does not matter; in names and tag keys it exempts nothing.</li>
 *   <li>What hides the properties as a whole (an intrinsic standing for {@code Properties}, an
 *       {@code AWS::Include} in them) is such a value for the whole resource; an {@code AWS::Include} (or any
 *       other {@code Fn::} key) under {@code Resources} could add any resource: it is judged as a service
 *       whose network is known only at deployment.</li>
 * </ul>
 */
final class CloudFormationTemplateCheck {
    /** At most this many Fn::If combinations per resource; more is reported as input we will not judge. */
    private static final int MAX_VARIANTS = 64;

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Checker checker;
    private final String file;
    private final JsonObject template;
    private final JsonObject parameters;
    private final TemplateConditions conditions;
    private final Map<String, Integer> lines;

    /** One way the properties can come out, and the conditions (with their branch) that lead to it. */
    private record Variant(JsonElement value, List<String> conditions) {}

    CloudFormationTemplateCheck(Checker checker, String file, JsonObject template, Map<String, Integer> lines) {
        this.checker = checker;
        this.lines = lines;
        this.file = file;
        this.template = template;
        JsonElement declared = template.get("Parameters");
        this.parameters = declared != null && declared.isJsonObject() ? declared.getAsJsonObject() : new JsonObject();
        this.conditions = new TemplateConditions(template, this::given);
    }

    /** The names of the template's parameters. */
    Set<String> parameterNames() {
        return parameters.keySet();
    }

    List<CheckedResource> check() {
        List<CheckedResource> results = new ArrayList<>();
        ForEachExpansion expansion = new ForEachExpansion(this::parameterValue);
        JsonObject resources = new JsonObject();
        // Each resource, or each loop's resources, at the line of the key that makes them.
        Map<String, Integer> madeAt = new HashMap<>();
        for (Map.Entry<String, JsonElement> written :
                JsonInput.requiredObject(template, "Resources", "").entrySet()) {
            JsonObject one = new JsonObject();
            one.add(written.getKey(), written.getValue());
            for (Map.Entry<String, JsonElement> made :
                    expansion.members(one, "Resources").entrySet()) {
                if (resources.has(made.getKey())) {
                    throw new BadInputException(
                            JsonInput.path("Resources", made.getKey()), "is made twice once Fn::ForEach is expanded");
                }
                resources.add(made.getKey(), made.getValue());
                madeAt.put(made.getKey(), lines.getOrDefault(written.getKey(), 0));
            }
        }
        macros().ifPresent(results::add);
        for (Map.Entry<String, JsonElement> entry : resources.entrySet()) {
            String path = JsonInput.path("Resources", entry.getKey());
            if (entry.getKey().startsWith("Fn::")) {
                results.add(includedResources(entry.getKey(), entry.getValue(), madeAt.get(entry.getKey())));
                continue;
            }
            if (!entry.getValue().isJsonObject()) {
                continue;
            }
            JsonObject resource = entry.getValue().getAsJsonObject();
            String type = JsonInput.optionalString(resource, "Type", path).orElse("");
            if (ResourceKind.ofConfigType(type) == ResourceKind.OTHER || createdNot(resource)) {
                continue;
            }
            results.add(new CheckedResource(
                    file,
                    entry.getKey(),
                    type,
                    judge(type, entry.getKey(), resource.get("Properties"), JsonInput.path(path, "Properties")),
                    madeAt.get(entry.getKey())));
        }
        return results;
    }

    /**
     * A top-level {@code Transform} naming a macro (any name but AWS's own transforms, {@code AWS::...}):
     * the macro rewrites the template before CloudFormation creates anything, so what it makes is known only
     * at deployment.
     */
    private Optional<CheckedResource> macros() {
        JsonElement transform = template.get("Transform");
        List<JsonElement> names = new ArrayList<>();
        if (transform != null && transform.isJsonArray()) {
            transform.getAsJsonArray().forEach(names::add);
        } else if (transform != null) {
            names.add(transform);
        }
        for (JsonElement name : names) {
            String macro = name.isJsonPrimitive() ? name.getAsString() : transformName(name);
            if (!macro.startsWith("AWS::")) {
                return Optional.of(unseen("Transform", "Transform", "set by the macro " + macro + " (Transform)", 0));
            }
        }
        return Optional.empty();
    }

    /** Whether the resource's {@code Condition} is decided false: CloudFormation will not create it. */
    private boolean createdNot(JsonObject resource) {
        JsonElement condition = resource.get("Condition");
        return condition != null
                && condition.isJsonPrimitive()
                && conditions.value(condition.getAsString()).equals(Optional.of(false));
    }

    /** {@code AWS::Include} (or another construct) under {@code Resources}: whatever it adds is known only at deployment. */
    private CheckedResource includedResources(String key, JsonElement value, int line) {
        String construct = key.equals("Fn::Transform") ? transformName(value) : key;
        return unseen(
                key,
                construct.startsWith("AWS::Include") ? "AWS::Include" : construct,
                "added to Resources by " + construct,
                line);
    }

    /** A service no one can see offline, {@code how} it comes to be, judged as one whose network is known only at deployment. */
    private CheckedResource unseen(String key, String type, String how, int line) {
        EcsResource resource = EcsResource.planned(
                new ResourceKey(ResourceKind.SERVICE.configType(), key),
                Optional.empty(),
                Optional.empty(),
                checker.location(),
                Optional.of(AwsvpcNetwork.unresolved(
                        new UnresolvedValue("NetworkConfiguration", how + ", known only at deployment"),
                        List.of(),
                        List.of())),
                Map.of());
        return new CheckedResource(file, key, type, checker.rule().judge(resource), line);
    }

    /** {@code AWS::Include} with its location, or the name of another transform. */
    private static String transformName(JsonElement transform) {
        if (transform.isJsonObject() && transform.getAsJsonObject().get("Name") instanceof JsonPrimitive name) {
            String text = name.getAsString();
            JsonElement parameters = transform.getAsJsonObject().get("Parameters");
            if (text.equals("AWS::Include")
                    && parameters != null
                    && parameters.isJsonObject()
                    && parameters.getAsJsonObject().get("Location") instanceof JsonPrimitive location) {
                return "AWS::Include " + location.getAsString();
            }
            return text;
        }
        return "Fn::Transform";
    }

    /**
     * The rule's verdict on the resource as each combination of the conditions in what the rule reads
     * would make it: only those properties are expanded, so conditions elsewhere do not multiply.
     */
    private Verdict judge(String type, String logicalId, JsonElement properties, String path) {
        List<Alternative> alternatives = new ArrayList<>();
        for (Variant variant : propertyVariants(type, properties, path)) {
            JsonObject read = variant.value().getAsJsonObject();
            Optional<String> hidden = TemplateValue.setBy(read.has(HIDDEN) ? read.get(HIDDEN) : JsonNull.INSTANCE);
            EcsResource resource =
                    hidden.isPresent() && ResourceKind.ofConfigType(type).isLauncher()
                            ? EcsResource.launcher(
                                    new ResourceKey(type, logicalId),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Presence.RECORDED,
                                    List.of(new LaunchPoint(
                                            "its properties",
                                            "Properties",
                                            Optional.of(AwsvpcNetwork.unresolved(
                                                    new UnresolvedValue(
                                                            "Properties",
                                                            "set by " + hidden.get() + ", known only at deployment"),
                                                    List.of(),
                                                    List.of())))),
                                    Map.of())
                            : hidden.isPresent()
                                    ? EcsResource.planned(
                                            new ResourceKey(type, logicalId),
                                            Optional.empty(),
                                            Optional.empty(),
                                            checker.location(),
                                            Optional.of(AwsvpcNetwork.unresolved(
                                                    new UnresolvedValue(
                                                            "Properties",
                                                            "set by " + hidden.get() + ", known only at deployment"),
                                                    List.of(),
                                                    List.of())),
                                            Map.of())
                                    : CloudFormationProperties.readTemplate(
                                            type,
                                            logicalId,
                                            withTextTags(read),
                                            checker.location(),
                                            path,
                                            TemplateValue::setBy);
            alternatives.add(new Alternative(String.join(" and ", variant.conditions()), resource));
        }
        return checker.rule().judgeAlternatives(alternatives);
    }

    /** Marks properties hidden as a whole (the member's name is no property name). */
    private static final String HIDDEN = "\u0000hidden";

    /** What the rule reads of the properties, per combination of conditions; properties hidden as a whole are marked so. */
    private List<Variant> propertyVariants(String type, JsonElement properties, String path) {
        if (properties == null || properties.isJsonNull()) {
            return List.of(new Variant(new JsonObject(), List.of()));
        }
        if (!properties.isJsonObject()) {
            throw new BadInputException(path, "must be an object, got " + JsonInput.kind(properties));
        }
        JsonObject object = properties.getAsJsonObject();
        if (object.size() == 1 && isIntrinsic(object.keySet().iterator().next())) {
            String function = object.keySet().iterator().next();
            if (function.equals("Fn::If")) {
                List<Variant> result = new ArrayList<>();
                for (Branch branch : fnIf(object.get(function), path)) {
                    for (Variant v : propertyVariants(type, branch.value(), path)) {
                        result.add(new Variant(v.value(), join(branch.conditions(), v.conditions())));
                    }
                }
                return limit(result, path);
            }
            return List.of(hidden(function.equals("Fn::Transform") ? transformName(object.get(function)) : function));
        }
        if (object.has("Fn::Transform")) {
            return List.of(hidden(transformName(object.get("Fn::Transform"))));
        }
        JsonObject read = new JsonObject();
        // A state machine's definition string is read as written: its reader marks what Fn::Sub or Fn::Join
        // leave to deployment where it lands, rather than losing the whole string to one unknown piece.
        JsonObject asWritten = new JsonObject();
        boolean stateMachine = ResourceKind.ofConfigType(type) == ResourceKind.STATE_MACHINE;
        for (Map.Entry<String, JsonElement> property : object.entrySet()) {
            if (stateMachine
                    && (Ascii.equalsIgnoreCase(property.getKey(), "DefinitionString")
                            || Ascii.equalsIgnoreCase(property.getKey(), "DefinitionSubstitutions"))) {
                asWritten.add(property.getKey(), property.getValue());
            } else if (CloudFormationProperties.reads(type, property.getKey())) {
                read.add(property.getKey(), property.getValue());
            }
        }
        List<Variant> variants = expand(read, path);
        if (asWritten.size() == 0) {
            return variants;
        }
        List<Variant> withDefinition = new ArrayList<>();
        for (Variant variant : variants) {
            JsonObject value = variant.value().getAsJsonObject().deepCopy();
            asWritten.entrySet().forEach(e -> value.add(e.getKey(), e.getValue()));
            withDefinition.add(new Variant(value, variant.conditions()));
        }
        return withDefinition;
    }

    private static Variant hidden(String construct) {
        JsonObject marked = new JsonObject();
        marked.add(HIDDEN, TemplateValue.unresolved(construct));
        return new Variant(marked, List.of());
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
                        if (!TemplateValue.isNoValue(option.value())) {
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
        if (object.size() == 1 && isIntrinsic(object.keySet().iterator().next())) {
            String function = object.keySet().iterator().next();
            JsonElement argument = object.get(function);
            switch (function) {
                case "Ref" -> {
                    return List.of(new Variant(ref(argument), List.of()));
                }
                case "Fn::If" -> {
                    List<Variant> result = new ArrayList<>();
                    for (Branch branch : fnIf(argument, path)) {
                        for (Variant v : expand(branch.value(), path)) {
                            result.add(new Variant(v.value(), join(branch.conditions(), v.conditions())));
                        }
                    }
                    return limit(result, path);
                }
                case "Fn::Sub" -> {
                    return List.of(new Variant(sub(argument), List.of()));
                }
                case "Fn::Transform" -> {
                    return List.of(new Variant(TemplateValue.unresolved(transformName(argument)), List.of()));
                }
                default -> {
                    return List.of(new Variant(TemplateValue.unresolved(function), List.of()));
                }
            }
        }
        if (object.has("Fn::Transform")) {
            // AWS::Include adds members beside the ones written: the object is known only at deployment.
            return List.of(
                    new Variant(TemplateValue.unresolved(transformName(object.get("Fn::Transform"))), List.of()));
        }
        List<Variant> result = List.of(new Variant(new JsonObject(), List.of()));
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            List<Variant> options = doesNotMatter(member.getKey())
                    ? List.of(new Variant(opaque(member.getValue()), List.of()))
                    : expand(member.getValue(), path);
            List<Variant> next = new ArrayList<>();
            for (Variant partial : result) {
                for (Variant option : options) {
                    JsonObject copy = partial.value().getAsJsonObject().deepCopy();
                    if (!TemplateValue.isNoValue(option.value())) {
                        copy.add(member.getKey(), option.value());
                    }
                    next.add(new Variant(copy, join(partial.conditions(), option.conditions())));
                }
            }
            result = limit(next, path);
        }
        return result;
    }

    /** Subnets and security groups do not decide a verdict: their intrinsics are not expanded, however many branches they have. */
    private static boolean doesNotMatter(String key) {
        return Ascii.equalsIgnoreCase(key, "Subnets") || Ascii.equalsIgnoreCase(key, "SecurityGroups");
    }

    /** A list whose text items are kept and whose every other item is known only at deployment. */
    private static JsonElement opaque(JsonElement value) {
        if (!value.isJsonArray()) {
            return value.isJsonNull() ? value : TemplateValue.unresolved("an intrinsic");
        }
        JsonArray items = new JsonArray();
        for (JsonElement item : value.getAsJsonArray()) {
            items.add(item.isJsonPrimitive() ? item : TemplateValue.unresolved("an intrinsic"));
        }
        return items;
    }

    /** A function (Ref, Fn::..., Condition) or an unknown YAML tag ({@link CloudFormationYaml#loadTemplate}). */
    private static boolean isIntrinsic(String key) {
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::") || key.startsWith("!");
    }

    /** One branch of an {@code Fn::If} that can be taken, with the condition's value that leads to it (none when decided). */
    private record Branch(JsonElement value, List<String> conditions) {}

    private List<Branch> fnIf(JsonElement argument, String path) {
        if (!argument.isJsonArray()
                || argument.getAsJsonArray().size() != 3
                || !argument.getAsJsonArray().get(0).isJsonPrimitive()) {
            throw new BadInputException(path, "has an Fn::If that is not [CONDITION, VALUE_IF_TRUE, VALUE_IF_FALSE]");
        }
        JsonArray form = argument.getAsJsonArray();
        String condition = form.get(0).getAsString();
        Optional<Boolean> decided = conditions.value(condition);
        if (decided.isPresent()) {
            return List.of(new Branch(form.get(decided.get() ? 1 : 2), List.of()));
        }
        return List.of(
                new Branch(form.get(1), List.of("condition " + condition + " is true")),
                new Branch(form.get(2), List.of("condition " + condition + " is false")));
    }

    /** A parameter's value (a list parameter as a list), a pseudo parameter given on the command line, or unresolved. */
    private JsonElement ref(JsonElement argument) {
        String name = argument.isJsonPrimitive() ? argument.getAsString() : String.valueOf(argument);
        if (name.equals("AWS::NoValue")) {
            return TemplateValue.noValue();
        }
        Optional<JsonElement> value = parameterValue(name);
        return value.orElseGet(() -> TemplateValue.unresolved("Ref " + name));
    }

    /** A value given on the command line for a parameter of this template or a pseudo parameter; defaults are not given. */
    private Optional<String> given(String name) {
        return parameters.has(name) || name.startsWith("AWS::") ? checker.parameter(name) : Optional.empty();
    }

    private Optional<JsonElement> parameterValue(String name) {
        JsonElement declared = parameters.get(name);
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
            return TemplateValue.unresolved("Fn::Sub");
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
                    return TemplateValue.unresolved("Fn::Sub");
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
        if (a.isEmpty()) {
            return b;
        }
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Tag keys and values as text: CloudFormation takes numbers and booleans there ({@code Value: 1},
     * {@code Value: true}) and passes them on as text.
     */
    private static JsonObject withTextTags(JsonObject read) {
        for (Map.Entry<String, JsonElement> property : read.entrySet()) {
            if (!Ascii.equalsIgnoreCase(property.getKey(), "Tags")
                    || !property.getValue().isJsonArray()) {
                continue;
            }
            for (JsonElement tag : property.getValue().getAsJsonArray()) {
                if (!tag.isJsonObject()) {
                    continue;
                }
                for (Map.Entry<String, JsonElement> part : tag.getAsJsonObject().entrySet()) {
                    if (part.getValue() instanceof JsonPrimitive p && (p.isNumber() || p.isBoolean())) {
                        part.setValue(new JsonPrimitive(p.getAsString()));
                    }
                }
            }
        }
        return read;
    }
}
