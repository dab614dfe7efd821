package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import dev.ecspublicip.rule.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Terraform plan in its JSON form ({@code terraform show -json plan.out}): every {@code aws_ecs_service}
 * and {@code aws_ecs_task_set} the plan creates or updates (deletions and no-ops are skipped), named by
 * its address. {@code network_configuration.assign_public_ip} is a boolean (the provider's default is
 * false); a value known only after apply is unresolved in the model, and the rule fails closed on it.
 */
final class TerraformPlanCheck {
    private static final Map<String, ResourceKind> TYPES =
            Map.of("aws_ecs_service", ResourceKind.SERVICE, "aws_ecs_task_set", ResourceKind.TASK_SET);

    private final Checker checker;
    private final String file;
    private final JsonObject plan;

    TerraformPlanCheck(Checker checker, String file, JsonObject plan) {
        this.checker = checker;
        this.file = file;
        this.plan = plan;
    }

    List<CheckedResource> check() {
        List<CheckedResource> results = new ArrayList<>();
        JsonElement changes = plan.get("resource_changes");
        if (changes == null || changes.isJsonNull()) {
            return results;
        }
        if (!changes.isJsonArray()) {
            throw new BadInputException("resource_changes", "must be a list, got " + JsonInput.kind(changes));
        }
        JsonArray list = changes.getAsJsonArray();
        for (int i = 0; i < list.size(); i++) {
            String path = "resource_changes[" + i + "]";
            if (!list.get(i).isJsonObject()) {
                throw new BadInputException(path, "must be an object, got " + JsonInput.kind(list.get(i)));
            }
            JsonObject change = list.get(i).getAsJsonObject();
            String type = JsonInput.optionalString(change, "type", path).orElse("");
            if (!TYPES.containsKey(type)
                    || !"managed"
                            .equals(JsonInput.optionalString(change, "mode", path)
                                    .orElse("managed"))) {
                continue;
            }
            String address = JsonInput.requiredString(change, "address", path);
            JsonObject body = JsonInput.requiredObject(change, "change", path);
            List<String> actions = strings(body.get("actions"), path + ".change.actions");
            if (!actions.contains("create") && !actions.contains("update")) {
                continue;
            }
            JsonObject after = JsonInput.requiredObject(body, "after", path + ".change");
            JsonObject unknown = JsonInput.optionalObject(body, "after_unknown", path + ".change")
                    .orElse(new JsonObject());
            results.add(new CheckedResource(
                    file, address, type, judge(TYPES.get(type), address, after, unknown, path + ".change.after")));
        }
        return results;
    }

    private Verdict judge(ResourceKind kind, String address, JsonObject after, JsonObject unknown, String path) {
        Optional<String> service = text(after, kind == ResourceKind.SERVICE ? "name" : "service");
        String tagsKey = after.has("tags_all") && after.get("tags_all").isJsonObject() ? "tags_all" : "tags";
        EcsResource resource = EcsResource.planned(
                new ResourceKey(kind.configType(), address),
                text(after, "cluster"),
                service,
                checker.location(),
                awsvpc(after, unknown, path),
                tags(after.get(tagsKey), path + "." + tagsKey));
        return checker.rule().judge(resource);
    }

    /**
     * {@code network_configuration[0]}, its {@code assign_public_ip} a boolean (true is ENABLED, unset the
     * provider's default, false); what {@code after_unknown} marks is known only after apply.
     */
    private static Optional<AwsvpcNetwork> awsvpc(JsonObject after, JsonObject unknown, String path) {
        JsonElement unknownNetwork = unknown.get("network_configuration");
        if (isTrue(unknownNetwork)) {
            return Optional.of(AwsvpcNetwork.unresolved(afterApply("network_configuration"), List.of(), List.of()));
        }
        JsonElement network = after.get("network_configuration");
        if (network == null || network.isJsonNull()) {
            return Optional.empty();
        }
        if (!network.isJsonArray()) {
            throw new BadInputException(
                    path + ".network_configuration", "must be a list, got " + JsonInput.kind(network));
        }
        JsonArray blocks = network.getAsJsonArray();
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        if (!blocks.get(0).isJsonObject()) {
            throw new BadInputException(path + ".network_configuration[0]", "must be an object");
        }
        JsonObject block = blocks.get(0).getAsJsonObject();
        JsonObject blockUnknown = unknownNetwork != null
                        && unknownNetwork.isJsonArray()
                        && !unknownNetwork.getAsJsonArray().isEmpty()
                        && unknownNetwork.getAsJsonArray().get(0).isJsonObject()
                ? unknownNetwork.getAsJsonArray().get(0).getAsJsonObject()
                : new JsonObject();
        List<String> subnets = knownStrings(block.get("subnets"));
        List<String> securityGroups = knownStrings(block.get("security_groups"));
        if (isTrue(blockUnknown.get("assign_public_ip"))) {
            return Optional.of(AwsvpcNetwork.unresolved(afterApply("assign_public_ip"), subnets, securityGroups));
        }
        Optional<String> assign = Optional.empty();
        JsonElement value = block.get("assign_public_ip");
        if (value != null && !value.isJsonNull()) {
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
                throw new BadInputException(
                        path + ".network_configuration[0].assign_public_ip",
                        "must be a boolean, got " + JsonInput.kind(value));
            }
            assign = Optional.of(value.getAsBoolean() ? "ENABLED" : "DISABLED");
        }
        return Optional.of(new AwsvpcNetwork(assign, subnets, securityGroups));
    }

    private static UnresolvedValue afterApply(String attribute) {
        return new UnresolvedValue(attribute, "known only after apply");
    }

    /** A text attribute; any other value (unknown until apply, absent) names nothing. */
    private static Optional<String> text(JsonObject from, String key) {
        JsonElement value = from.get(key);
        return value != null
                        && value.isJsonPrimitive()
                        && value.getAsJsonPrimitive().isString()
                        && !value.getAsString().isEmpty()
                ? Optional.of(value.getAsString())
                : Optional.empty();
    }

    /** {@code tags_all} (or {@code tags}): a map of strings; a tag unknown until apply is not in it and exempts nothing. */
    private static Map<String, String> tags(JsonElement tags, String path) {
        Map<String, String> result = new LinkedHashMap<>();
        if (tags == null || !tags.isJsonObject()) {
            return result;
        }
        for (Map.Entry<String, JsonElement> tag : tags.getAsJsonObject().entrySet()) {
            JsonElement value = tag.getValue();
            if (value.isJsonNull()) {
                result.put(tag.getKey(), "");
            } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                result.put(tag.getKey(), value.getAsString());
            } else {
                throw new BadInputException(
                        JsonInput.path(path, tag.getKey()), "must be a string, got " + JsonInput.kind(value));
            }
        }
        return result;
    }

    private static List<String> knownStrings(JsonElement value) {
        List<String> result = new ArrayList<>();
        if (value != null && value.isJsonArray()) {
            for (JsonElement item : value.getAsJsonArray()) {
                if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isString()) {
                    result.add(item.getAsString());
                }
            }
        }
        return result;
    }

    private static boolean isTrue(JsonElement value) {
        return value != null
                && value.isJsonPrimitive()
                && value.getAsJsonPrimitive().isBoolean()
                && value.getAsBoolean();
    }

    private static List<String> strings(JsonElement value, String path) {
        if (value == null || !value.isJsonArray()) {
            throw new BadInputException(path, "must be a list of actions, got " + JsonInput.kind(value));
        }
        List<String> result = new ArrayList<>();
        for (JsonElement item : value.getAsJsonArray()) {
            if (!(item instanceof JsonPrimitive p) || !p.isString()) {
                throw new BadInputException(path, "must hold strings, got " + JsonInput.kind(item));
            }
            result.add(item.getAsString());
        }
        return result;
    }
}
