package dev.ecspublicip.check;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.Optional;

/**
 * The values a template check puts in place of what it resolved: a value known only at deployment (what sets
 * it is kept, to be named in the annotation) and {@code AWS::NoValue}. Both are text starting with NUL, which
 * no value read from a template keeps ({@link ForEachExpansion} replaces such text first).
 */
final class TemplateValue {
    private static final String UNRESOLVED = "\u0000";
    private static final String NO_VALUE = "\u0000\u0000AWS::NoValue";

    private TemplateValue() {}

    /** A value set at deployment by {@code what} (e.g. {@code Fn::ImportValue}, {@code Ref Subnet}). */
    static JsonPrimitive unresolved(String what) {
        return new JsonPrimitive(UNRESOLVED + what);
    }

    static JsonPrimitive noValue() {
        return new JsonPrimitive(NO_VALUE);
    }

    static boolean isNoValue(JsonElement value) {
        return value != null && value.isJsonPrimitive() && NO_VALUE.equals(value.getAsString());
    }

    /** Whether text read from the template could pass for one of these values. */
    static boolean looksLikeOne(String text) {
        return text.startsWith(UNRESOLVED);
    }

    /** What sets a value known only at deployment, empty for a value as it will be. */
    static Optional<String> setBy(JsonElement value) {
        return value.isJsonPrimitive()
                        && value.getAsJsonPrimitive().isString()
                        && value.getAsString().startsWith(UNRESOLVED)
                        && !isNoValue(value)
                ? Optional.of(value.getAsString().substring(UNRESOLVED.length()))
                : Optional.empty();
    }
}
