package dev.ecspublicip.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.rule.RuleParameters;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads rule parameters from their JSON form (a Config event's {@code ruleParameters}, a rule's InputParameters). */
public final class RuleParametersJson {
    private static final String FIELD = "ruleParameters";

    private RuleParametersJson() {}

    /** Parses the JSON object string; null, empty and {@code {}} mean no parameters. */
    public static RuleParameters parse(String json) {
        if (json == null || json.isBlank()) {
            return RuleParameters.NONE;
        }
        JsonObject object = JsonInput.parseObject(json, FIELD);
        RuleParameters.requireKnownNames(object.keySet());
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            JsonInput.optionalString(object, entry.getKey(), FIELD)
                    .ifPresent(value -> values.put(entry.getKey(), value));
        }
        return RuleParameters.of(values);
    }
}
