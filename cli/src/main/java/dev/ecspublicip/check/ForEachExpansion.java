package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.JsonInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code Fn::ForEach} (the {@code AWS::LanguageExtensions} transform) expanded as CloudFormation expands it,
 * wherever it stands in an object: under {@code Resources} it makes resources, inside a resource's
 * {@code Properties} it makes properties
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html).
 * For each item of the collection the fragment is copied with {@code ${Id}} and {@code &{Id}} in its keys,
 * {@code Ref Id} and {@code ${Id}} in {@code Fn::Sub} replaced; a loop variable hides a template parameter of
 * the same name. A collection that cannot be known offline (a {@code Fn::GetAtt}, a parameter without a
 * value...) is expanded once, its variable a value known only at deployment, so wherever the rule reads it,
 * the rule fails closed; the keys stay as written ({@code Service${Name}}).
 */
final class ForEachExpansion {
    /** Loop iterations in one template, nested ones included; more is bad input rather than unbounded work. */
    static final int MAX_ITERATIONS = 10_000;

    private static final String FOR_EACH = "Fn::ForEach::";

    private final Function<String, Optional<JsonElement>> parameter;
    private int iterations;

    /** @param parameter a template parameter's value offline (given or default; a list parameter as a list) */
    ForEachExpansion(Function<String, Optional<JsonElement>> parameter) {
        this.parameter = parameter;
    }

    /** The object with every loop in it (and in what it holds) expanded. */
    JsonObject members(JsonObject object, String path) {
        return members(object, Map.of(), path);
    }

    private JsonObject members(JsonObject object, Map<String, JsonElement> bound, String path) {
        JsonObject result = new JsonObject();
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            String key = member.getKey();
            String memberPath = JsonInput.path(path, key);
            if (!key.startsWith(FOR_EACH)) {
                String name = substitute(key, bound);
                put(result, name, value(member.getValue(), bound, JsonInput.path(path, name)), memberPath);
                continue;
            }
            JsonElement loop = member.getValue();
            if (!loop.isJsonArray()
                    || loop.getAsJsonArray().size() != 3
                    || !isText(loop.getAsJsonArray().get(0))
                    || !loop.getAsJsonArray().get(2).isJsonObject()) {
                throw new BadInputException(memberPath, "must be [IDENTIFIER, COLLECTION, {FRAGMENT}]");
            }
            String variable = loop.getAsJsonArray().get(0).getAsString();
            JsonObject fragment = loop.getAsJsonArray().get(2).getAsJsonObject();
            Optional<List<String>> collection = collection(loop.getAsJsonArray().get(1), bound);
            List<JsonElement> values = new ArrayList<>();
            if (collection.isPresent()) {
                collection.get().forEach(item -> values.add(new JsonPrimitive(item)));
            } else {
                values.add(TemplateValue.unresolved("the collection of " + key));
            }
            for (JsonElement value : values) {
                if (++iterations > MAX_ITERATIONS) {
                    throw new BadInputException(
                            memberPath,
                            "makes more than " + MAX_ITERATIONS + " Fn::ForEach iterations in the template");
                }
                Map<String, JsonElement> inner = new HashMap<>(bound);
                inner.put(variable, value);
                JsonObject made = members(fragment, inner, memberPath + "[2]");
                for (Map.Entry<String, JsonElement> item : made.entrySet()) {
                    put(result, item.getKey(), item.getValue(), memberPath);
                }
            }
        }
        return result;
    }

    private static void put(JsonObject result, String key, JsonElement value, String path) {
        if (result.has(key)) {
            throw new BadInputException(
                    path, "makes the key " + JsonInput.path("", key) + " twice once Fn::ForEach is expanded");
        }
        result.add(key, value);
    }

    private JsonElement value(JsonElement value, Map<String, JsonElement> bound, String path) {
        if (value.isJsonPrimitive()) {
            // Nothing read from the template may pass for a value this check made.
            return value.getAsJsonPrimitive().isString() && TemplateValue.looksLikeOne(value.getAsString())
                    ? TemplateValue.unresolved("a text starting with NUL")
                    : value;
        }
        if (value.isJsonArray()) {
            JsonArray array = new JsonArray();
            int i = 0;
            for (JsonElement item : value.getAsJsonArray()) {
                array.add(value(item, bound, path + "[" + i++ + "]"));
            }
            return array;
        }
        if (value.isJsonNull()) {
            return value;
        }
        JsonObject object = value.getAsJsonObject();
        if (object.size() == 1 && !bound.isEmpty()) {
            JsonElement argument = object.get("Ref");
            if (argument != null && isText(argument) && bound.containsKey(argument.getAsString())) {
                return bound.get(argument.getAsString());
            }
            argument = object.get("Fn::Sub");
            if (argument != null) {
                return sub(argument, bound, path);
            }
        }
        return members(object, bound, path);
    }

    /** {@code ${Id}} of a bound loop variable replaced in the text of a {@code Fn::Sub}; unresolved if the variable is. */
    private JsonElement sub(JsonElement argument, Map<String, JsonElement> bound, String path) {
        JsonElement text = argument.isJsonArray() && !argument.getAsJsonArray().isEmpty()
                ? argument.getAsJsonArray().get(0)
                : argument;
        if (!isText(text)) {
            JsonObject same = new JsonObject();
            same.add("Fn::Sub", value(argument, bound, path));
            return same;
        }
        String replaced = text.getAsString();
        for (Map.Entry<String, JsonElement> variable : bound.entrySet()) {
            String placeholder = "${" + variable.getKey() + "}";
            if (!replaced.contains(placeholder)) {
                continue;
            }
            Optional<String> setBy = TemplateValue.setBy(variable.getValue());
            if (setBy.isPresent()) {
                return TemplateValue.unresolved(setBy.get());
            }
            replaced = replaced.replace(placeholder, variable.getValue().getAsString());
        }
        JsonElement newArgument;
        if (argument.isJsonArray()) {
            JsonArray copy = new JsonArray();
            copy.add(replaced);
            for (int i = 1; i < argument.getAsJsonArray().size(); i++) {
                copy.add(value(argument.getAsJsonArray().get(i), bound, path));
            }
            newArgument = copy;
        } else {
            newArgument = new JsonPrimitive(replaced);
        }
        JsonObject result = new JsonObject();
        result.add("Fn::Sub", newArgument);
        return result;
    }

    /** The collection's items, when each is known offline: a list of text (or Refs), or a Ref to a list parameter. */
    private Optional<List<String>> collection(JsonElement collection, Map<String, JsonElement> bound) {
        JsonElement list = collection;
        if (collection.isJsonObject()
                && collection.getAsJsonObject().size() == 1
                && collection.getAsJsonObject().has("Ref")) {
            JsonElement name = collection.getAsJsonObject().get("Ref");
            if (!isText(name) || bound.containsKey(name.getAsString())) {
                return Optional.empty();
            }
            list = parameter.apply(name.getAsString()).orElse(null);
        }
        if (list == null || !list.isJsonArray()) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        for (JsonElement item : list.getAsJsonArray()) {
            JsonElement value = value(item, bound, "");
            if (value.isJsonObject()
                    && value.getAsJsonObject().size() == 1
                    && value.getAsJsonObject().has("Ref")) {
                JsonElement name = value.getAsJsonObject().get("Ref");
                value = isText(name) ? parameter.apply(name.getAsString()).orElse(null) : null;
            }
            if (value == null || !isText(value) || TemplateValue.setBy(value).isPresent()) {
                return Optional.empty();
            }
            items.add(value.getAsString());
        }
        return Optional.of(items);
    }

    /** {@code ${Id}} and {@code &{Id}} (the value without its non-alphanumeric characters) of bound variables. */
    private static String substitute(String key, Map<String, JsonElement> bound) {
        if (bound.isEmpty() || (!key.contains("${") && !key.contains("&{"))) {
            return key;
        }
        String result = key;
        for (Map.Entry<String, JsonElement> variable : bound.entrySet()) {
            if (TemplateValue.setBy(variable.getValue()).isPresent()) {
                continue;
            }
            String value = variable.getValue().getAsString();
            result = result.replace("${" + variable.getKey() + "}", value)
                    .replace("&{" + variable.getKey() + "}", value.replaceAll("[^A-Za-z0-9]", ""));
        }
        return result;
    }

    private static boolean isText(JsonElement value) {
        return value != null
                && value.isJsonPrimitive()
                && value.getAsJsonPrimitive().isString();
    }
}
