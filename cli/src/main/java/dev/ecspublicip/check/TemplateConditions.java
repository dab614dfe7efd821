package dev.ecspublicip.check;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A template's {@code Conditions}, decided where the parameters given on the command line decide them:
 * {@code Fn::Equals} over literals and {@code Ref}s to parameters given (pseudo parameters such as
 * {@code AWS::Region} too), {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or} and {@code Condition}. A parameter
 * that was not given is not decided by its {@code Default}: a stack can be deployed with another value, so
 * what depends on it stays undecided, and every branch it chooses between is judged.
 */
final class TemplateConditions {
    private final JsonObject conditions;
    private final Function<String, Optional<String>> given;
    private final Map<String, Optional<Boolean>> decided = new HashMap<>();
    private final Set<String> deciding = new HashSet<>();

    /** @param given a parameter's value given on the command line, for a parameter the template declares or a pseudo parameter */
    TemplateConditions(JsonObject template, Function<String, Optional<String>> given) {
        JsonElement section = template.get("Conditions");
        this.conditions = section != null && section.isJsonObject() ? section.getAsJsonObject() : new JsonObject();
        this.given = given;
    }

    /** The condition's value, when the parameters given decide it. */
    Optional<Boolean> value(String name) {
        Optional<Boolean> known = decided.get(name);
        if (known != null) {
            return known;
        }
        // A condition that refers to itself is not a template CloudFormation accepts; it decides nothing here.
        if (!conditions.has(name) || !deciding.add(name)) {
            return Optional.empty();
        }
        Optional<Boolean> value = evaluate(conditions.get(name));
        deciding.remove(name);
        decided.put(name, value);
        return value;
    }

    private Optional<Boolean> evaluate(JsonElement condition) {
        if (condition == null
                || !condition.isJsonObject()
                || condition.getAsJsonObject().size() != 1) {
            return Optional.empty();
        }
        String function = condition.getAsJsonObject().keySet().iterator().next();
        JsonElement argument = condition.getAsJsonObject().get(function);
        switch (function) {
            case "Condition" -> {
                return isText(argument) ? value(argument.getAsString()) : Optional.empty();
            }
            case "Fn::Equals" -> {
                if (!argument.isJsonArray() || argument.getAsJsonArray().size() != 2) {
                    return Optional.empty();
                }
                Optional<String> left = text(argument.getAsJsonArray().get(0));
                Optional<String> right = text(argument.getAsJsonArray().get(1));
                return left.isPresent() && right.isPresent()
                        ? Optional.of(left.get().equals(right.get()))
                        : Optional.empty();
            }
            case "Fn::Not" -> {
                return argument.isJsonArray() && argument.getAsJsonArray().size() == 1
                        ? evaluate(argument.getAsJsonArray().get(0)).map(v -> !v)
                        : Optional.empty();
            }
            case "Fn::And", "Fn::Or" -> {
                if (!argument.isJsonArray() || argument.getAsJsonArray().isEmpty()) {
                    return Optional.empty();
                }
                boolean and = function.equals("Fn::And");
                boolean undecided = false;
                for (JsonElement part : argument.getAsJsonArray()) {
                    Optional<Boolean> value = evaluate(part);
                    if (value.isEmpty()) {
                        undecided = true;
                    } else if (value.get() != and) {
                        // One false decides an And, one true an Or, whatever the others are.
                        return Optional.of(!and);
                    }
                }
                return undecided ? Optional.empty() : Optional.of(and);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** A literal (text, number or boolean, as CloudFormation compares them: as text) or a Ref to a parameter given. */
    private Optional<String> text(JsonElement value) {
        if (value.isJsonPrimitive()) {
            return Optional.of(value.getAsString());
        }
        if (value.isJsonObject()
                && value.getAsJsonObject().size() == 1
                && value.getAsJsonObject().has("Ref")) {
            JsonElement name = value.getAsJsonObject().get("Ref");
            return isText(name) ? given.apply(name.getAsString()) : Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean isText(JsonElement value) {
        return value != null
                && value.isJsonPrimitive()
                && value.getAsJsonPrimitive().isString();
    }
}
