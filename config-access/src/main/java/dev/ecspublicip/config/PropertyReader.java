package dev.ecspublicip.config;

import static dev.ecspublicip.config.JsonInput.kind;
import static dev.ecspublicip.config.JsonInput.path;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the readers of recorded configurations ({@link ConfigurationItemParser}) and of declared
 * properties ({@link CloudFormationProperties}) read alike: property names without regard to ASCII case
 * (only ASCII: {@code AſsignPublicIp} is not {@code AssignPublicIp}), the awsvpc block, tags.
 *
 * <p>{@code setBy} tells a value known only at deployment: what sets it (e.g. {@code Fn::ImportValue}),
 * or empty for a value as it will be. It is null where every value is as it will be (a configuration
 * item, a hook's resolved properties).
 */
final class PropertyReader {
    private PropertyReader() {}

    /**
     * The awsvpc block of a service or task set configuration (any casing), empty when there is none.
     *
     * <p>One property may appear in more than one spelling ({@code NetworkConfiguration} beside
     * {@code networkConfiguration}, {@code AwsvpcConfiguration} beside {@code awsvpcConfiguration},
     * {@code AssignPublicIp} beside {@code assignPublicIp}); where they disagree, the more public value is
     * the one judged, so no spelling can hide a public IP. A value known only at deployment is the most
     * public of all: it could be anything.
     */
    static Optional<AwsvpcNetwork> awsvpcNetwork(
            JsonObject configuration, String path, Function<JsonElement, Optional<String>> setBy) {
        AwsvpcNetwork chosen = null;
        for (Map.Entry<String, JsonElement> network : members(configuration, "networkConfiguration")) {
            if (network.getValue().isJsonNull()) {
                continue;
            }
            String networkPath = path(path, network.getKey());
            Optional<UnresolvedValue> unresolvedNetwork = unresolved(network, setBy);
            if (unresolvedNetwork.isPresent()) {
                return Optional.of(AwsvpcNetwork.unresolved(unresolvedNetwork.get(), List.of(), List.of()));
            }
            if (!network.getValue().isJsonObject()) {
                throw new BadInputException(networkPath, "must be an object, got " + kind(network.getValue()));
            }
            for (Map.Entry<String, JsonElement> block :
                    members(network.getValue().getAsJsonObject(), "awsvpcConfiguration")) {
                if (block.getValue().isJsonNull()) {
                    continue;
                }
                Optional<UnresolvedValue> unresolvedBlock = unresolved(block, setBy);
                if (unresolvedBlock.isPresent()) {
                    return Optional.of(AwsvpcNetwork.unresolved(unresolvedBlock.get(), List.of(), List.of()));
                }
                String blockPath = path(networkPath, block.getKey());
                if (!block.getValue().isJsonObject()) {
                    throw new BadInputException(blockPath, "must be an object, got " + kind(block.getValue()));
                }
                AwsvpcNetwork candidate = readAwsvpc(block.getValue().getAsJsonObject(), blockPath, setBy);
                if (chosen == null || publicity(candidate) > publicity(chosen)) {
                    chosen = candidate;
                }
            }
        }
        return Optional.ofNullable(chosen);
    }

    /**
     * A {@code NetworkConfiguration} that is itself the block holding {@code AssignPublicIp} (AWS Batch's
     * shape), empty when there is none; where spellings disagree, the more public one.
     */
    static Optional<AwsvpcNetwork> networkBlock(
            JsonObject container, String path, Function<JsonElement, Optional<String>> setBy) {
        AwsvpcNetwork chosen = null;
        for (Map.Entry<String, JsonElement> network : members(container, "networkConfiguration")) {
            if (network.getValue().isJsonNull()) {
                continue;
            }
            Optional<UnresolvedValue> unresolved = unresolved(network, setBy);
            if (unresolved.isPresent()) {
                return Optional.of(AwsvpcNetwork.unresolved(unresolved.get(), List.of(), List.of()));
            }
            String networkPath = path(path, network.getKey());
            if (!network.getValue().isJsonObject()) {
                throw new BadInputException(networkPath, "must be an object, got " + kind(network.getValue()));
            }
            AwsvpcNetwork candidate = readAwsvpc(network.getValue().getAsJsonObject(), networkPath, setBy);
            if (chosen == null || publicity(candidate) > publicity(chosen)) {
                chosen = candidate;
            }
        }
        return Optional.ofNullable(chosen);
    }

    private static AwsvpcNetwork readAwsvpc(
            JsonObject block, String path, Function<JsonElement, Optional<String>> setBy) {
        Optional<String> chosen = Optional.empty();
        Optional<UnresolvedValue> unresolved = Optional.empty();
        for (Map.Entry<String, JsonElement> member : members(block, "assignPublicIp")) {
            JsonElement value = member.getValue();
            if (value.isJsonNull()) {
                continue;
            }
            unresolved = unresolved(member, setBy);
            if (unresolved.isPresent()) {
                break;
            }
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw new BadInputException(path(path, member.getKey()), "must be a string, got " + kind(value));
            }
            // An empty string is a value, not an absence.
            Optional<String> candidate = Optional.of(value.getAsString());
            if (publicity(candidate) > publicity(chosen)) {
                chosen = candidate;
            }
        }
        List<String> subnets = stringList(block, "subnets", path, setBy);
        List<String> securityGroups = stringList(block, "securityGroups", path, setBy);
        return unresolved.isPresent()
                ? AwsvpcNetwork.unresolved(unresolved.get(), subnets, securityGroups)
                : new AwsvpcNetwork(chosen, subnets, securityGroups);
    }

    private static int publicity(AwsvpcNetwork network) {
        return network.unresolved().isPresent() ? 3 : publicity(network.assignPublicIp());
    }

    /** 0 absent (ECS defaults to DISABLED), 1 DISABLED, 2 anything else (ENABLED, or a value no one can vouch for). */
    private static int publicity(Optional<String> assignPublicIp) {
        if (assignPublicIp.isEmpty()) {
            return 0;
        }
        return Ascii.equalsIgnoreCase(assignPublicIp.get(), "DISABLED") ? 1 : 2;
    }

    /** Ends what a {@code setBy} answers for a value known only when the resource runs (not at deployment). */
    static final String AT_RUN_TIME = ", known only at run time";

    static Optional<UnresolvedValue> unresolved(
            Map.Entry<String, JsonElement> member, Function<JsonElement, Optional<String>> setBy) {
        // No lambda here: this runs for every configuration item, where setBy is null.
        Optional<String> what = setAtDeployment(member.getValue(), setBy);
        if (what.isEmpty()) {
            return Optional.empty();
        }
        String when = what.get().endsWith(AT_RUN_TIME) ? "" : ", known only at deployment";
        return Optional.of(new UnresolvedValue(member.getKey(), "set by " + what.get() + when));
    }

    static Optional<String> setAtDeployment(JsonElement value, Function<JsonElement, Optional<String>> setBy) {
        return setBy == null || value == null ? Optional.empty() : setBy.apply(value);
    }

    /**
     * Tags as a map ({@code {"k":"v"}}, the item's shape) or a list of {@code {Key,Value}} (any casing). A tag
     * whose key is known only at deployment is left out (it exempts nothing); one whose value is, is kept
     * with a value saying so.
     */
    static Map<String, String> tags(JsonElement tags, String path, Function<JsonElement, Optional<String>> setBy) {
        Map<String, String> result = new LinkedHashMap<>();
        if (tags == null || tags.isJsonNull() || setAtDeployment(tags, setBy).isPresent()) {
            return result;
        }
        if (tags.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : tags.getAsJsonObject().entrySet()) {
                result.put(e.getKey(), tagValue(e.getValue(), path(path, e.getKey()), setBy));
            }
            return result;
        }
        if (!tags.isJsonArray()) {
            throw new BadInputException(path, "must be an object or a list, got " + kind(tags));
        }
        JsonArray list = tags.getAsJsonArray();
        for (int i = 0; i < list.size(); i++) {
            String tagPath = path + "[" + i + "]";
            if (setAtDeployment(list.get(i), setBy).isPresent()) {
                continue;
            }
            if (!list.get(i).isJsonObject()) {
                throw new BadInputException(tagPath, "must be an object, got " + kind(list.get(i)));
            }
            JsonObject tag = list.get(i).getAsJsonObject();
            if (setAtDeployment(member(tag, "key", tagPath), setBy).isPresent()) {
                continue;
            }
            String key = optionalText(tag, "key", tagPath)
                    .orElseThrow(() -> new BadInputException(path(tagPath, "Key"), "is missing"));
            result.put(key, tagValue(member(tag, "value", tagPath), memberPath(tag, "value", tagPath), setBy));
        }
        return result;
    }

    private static String tagValue(JsonElement value, String path, Function<JsonElement, Optional<String>> setBy) {
        Optional<String> setAtDeployment = setAtDeployment(value, setBy);
        if (setAtDeployment.isPresent()) {
            return "(set by " + setAtDeployment.get() + " at deployment)";
        }
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new BadInputException(path, "must be a string, got " + kind(value));
        }
        return value.getAsString();
    }

    /** A string member matched without regard to case, empty when absent or empty. */
    static Optional<String> optionalText(JsonObject object, String name, String path) {
        JsonElement value = member(object, name, path);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new BadInputException(memberPath(object, name, path), "must be a string, got " + kind(value));
        }
        return Optional.of(value.getAsString()).filter(s -> !s.isEmpty());
    }

    /** As {@link #optionalText(JsonObject, String, String)}; a name known only at deployment names nothing. */
    static Optional<String> optionalText(
            JsonObject object, String name, String path, Function<JsonElement, Optional<String>> setBy) {
        if (setAtDeployment(member(object, name, path), setBy).isPresent()) {
            return Optional.empty();
        }
        return optionalText(object, name, path);
    }

    /** A list of strings; what is known only at deployment (the list, or an item of it) is left out. */
    private static List<String> stringList(
            JsonObject object, String name, String path, Function<JsonElement, Optional<String>> setBy) {
        JsonElement value = member(object, name, path);
        List<String> result = new ArrayList<>();
        if (value == null || value.isJsonNull() || setAtDeployment(value, setBy).isPresent()) {
            return result;
        }
        String listPath = memberPath(object, name, path);
        if (!value.isJsonArray()) {
            throw new BadInputException(listPath, "must be a list, got " + kind(value));
        }
        for (JsonElement element : value.getAsJsonArray()) {
            if (setAtDeployment(element, setBy).isPresent()) {
                continue;
            }
            if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                throw new BadInputException(listPath, "must hold strings, got " + kind(element));
            }
            result.add(element.getAsString());
        }
        return result;
    }

    /**
     * The member named {@code name} in any ASCII casing, or null. Two spellings that disagree are bad input:
     * which one AWS meant cannot be known.
     */
    static JsonElement member(JsonObject object, String name, String path) {
        List<Map.Entry<String, JsonElement>> all = members(object, name);
        if (all.isEmpty()) {
            return null;
        }
        Map.Entry<String, JsonElement> first = all.get(0);
        for (Map.Entry<String, JsonElement> other : all.subList(1, all.size())) {
            if (!other.getValue().equals(first.getValue())) {
                throw new BadInputException(
                        path(path, first.getKey()),
                        "disagrees with " + path(path, other.getKey()) + "; cannot tell which one to read");
            }
        }
        return first.getValue();
    }

    /** Every member whose name equals {@code name} when ASCII letters are compared without case, in document order. */
    static List<Map.Entry<String, JsonElement>> members(JsonObject object, String name) {
        List<Map.Entry<String, JsonElement>> found = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (Ascii.equalsIgnoreCase(entry.getKey(), name)) {
                found.add(entry);
            }
        }
        return found;
    }

    /** The path of a member for error messages, spelled as the input spelled it. */
    static String memberPath(JsonObject object, String name, String path) {
        List<Map.Entry<String, JsonElement>> all = members(object, name);
        return path(path, all.isEmpty() ? name : all.get(0).getKey());
    }
}
