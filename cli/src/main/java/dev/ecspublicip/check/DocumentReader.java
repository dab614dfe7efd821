package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.JsonInput;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation YAML template ({@link CloudFormationYaml}, short-form tags in their long form) into
 * the JSON tree a JSON template is read into, as CloudFormation reads both. Keys become text: two keys that
 * are the same text ({@code 1} and {@code '1'}) are the same key, given twice.
 */
final class DocumentReader {
    private DocumentReader() {}

    /** The tree, and the line of each key under {@code Resources} as written. */
    record Document(JsonObject tree, Map<String, Integer> resourceLines) {}

    static Document readYaml(String text, String file) {
        JsonElement tree;
        CloudFormationYaml.Loaded loaded;
        try {
            loaded = CloudFormationYaml.loadTemplate(text, file);
            tree = toJson(loaded.value(), "");
        } catch (BadInputException e) {
            throw e.field().startsWith(file) ? e : e.in(file);
        }
        if (!tree.isJsonObject()) {
            throw new NotATemplateOrPlan(
                    file, "must hold a mapping (a template or a plan), got " + JsonInput.kind(tree));
        }
        return new Document(tree.getAsJsonObject(), loaded.resourceLines());
    }

    private static JsonElement toJson(Object value, String path) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            for (Map.Entry<?, ?> member : map.entrySet()) {
                String key = String.valueOf(member.getKey());
                String memberPath = JsonInput.path(path, key);
                if (object.has(key)) {
                    throw new BadInputException(
                            memberPath, "is given twice in one mapping (as keys that differ only as YAML scalars)");
                }
                object.add(key, toJson(member.getValue(), memberPath));
            }
            return object;
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            int i = 0;
            for (Object item : list) {
                array.add(toJson(item, path + "[" + i++ + "]"));
            }
            return array;
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        return new JsonPrimitive(String.valueOf(value));
    }
}
