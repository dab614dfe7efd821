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
 * Reads a JSON document, or a CloudFormation YAML template ({@link CloudFormationYaml}, short-form tags
 * in their long form), into one JSON tree, as CloudFormation reads both.
 */
final class DocumentReader {
    private DocumentReader() {}

    static JsonObject read(String text, String file) {
        if (text.stripLeading().startsWith("{")) {
            return JsonInput.parseObject(text, file, "");
        }
        JsonElement tree = toJson(CloudFormationYaml.load(text, file));
        if (!tree.isJsonObject()) {
            throw new BadInputException(
                    file, "must hold a mapping (a template or a plan), got " + JsonInput.kind(tree));
        }
        return tree.getAsJsonObject();
    }

    private static JsonElement toJson(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject object = new JsonObject();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            list.forEach(item -> array.add(toJson(item)));
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
