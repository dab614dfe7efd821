package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.ConfigurationItemParser;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Terraform plan in its JSON form ({@code terraform show -json plan.out}): every {@code aws_ecs_service}
 * and {@code aws_ecs_task_set} the plan creates or updates (deletions and no-ops are skipped), named by
 * its address. {@code network_configuration.assign_public_ip} is a boolean (the provider's default is
 * false); a value known only after apply fails closed.
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

    private dev.ecspublicip.rule.Verdict judge(
            ResourceKind kind, String address, JsonObject after, JsonObject unknown, String path) {
        JsonObject properties = new JsonObject();
        String nameKey = kind == ResourceKind.SERVICE ? "name" : "service";
        copyText(after, nameKey, properties, kind == ResourceKind.SERVICE ? "ServiceName" : "Service");
        copyText(after, "cluster", properties, "Cluster");
        JsonElement tags = after.has("tags_all") && after.get("tags_all").isJsonObject()
                ? after.get("tags_all")
                : after.get("tags");
        if (tags != null && tags.isJsonObject()) {
            properties.add("Tags", tags);
        }
        EcsResource named = ConfigurationItemParser.fromResourceProperties(
                kind.configType(), address, properties, checker.ecsArnPrefix(), path);
        JsonElement unknownNetwork = unknown.get("network_configuration");
        if (isTrue(unknownNetwork)) {
            return Checker.unknownUntilDeployed(
                    "The network_configuration of " + named.label(), "is known only after apply");
        }
        JsonElement network = after.get("network_configuration");
        if (network != null && !network.isJsonNull()) {
            if (!network.isJsonArray()) {
                throw new BadInputException(
                        path + ".network_configuration", "must be a list, got " + JsonInput.kind(network));
            }
            JsonArray blocks = network.getAsJsonArray();
            if (!blocks.isEmpty()) {
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
                if (isTrue(blockUnknown.get("assign_public_ip"))) {
                    return Checker.unknownUntilDeployed(
                            "assign_public_ip of " + named.label(), "is known only after apply");
                }
                JsonObject awsvpc = new JsonObject();
                JsonElement assign = block.get("assign_public_ip");
                if (assign != null && !assign.isJsonNull()) {
                    if (!assign.isJsonPrimitive()
                            || !assign.getAsJsonPrimitive().isBoolean()) {
                        throw new BadInputException(
                                path + ".network_configuration[0].assign_public_ip",
                                "must be a boolean, got " + JsonInput.kind(assign));
                    }
                    awsvpc.addProperty("AssignPublicIp", assign.getAsBoolean() ? "ENABLED" : "DISABLED");
                }
                awsvpc.add("Subnets", knownStrings(block.get("subnets")));
                awsvpc.add("SecurityGroups", knownStrings(block.get("security_groups")));
                JsonObject networkConfiguration = new JsonObject();
                networkConfiguration.add("AwsvpcConfiguration", awsvpc);
                properties.add("NetworkConfiguration", networkConfiguration);
            }
        }
        return checker.judge(ConfigurationItemParser.fromResourceProperties(
                kind.configType(), address, properties, checker.ecsArnPrefix(), path));
    }

    private static void copyText(JsonObject from, String key, JsonObject to, String as) {
        JsonElement value = from.get(key);
        if (value != null
                && value.isJsonPrimitive()
                && value.getAsJsonPrimitive().isString()) {
            to.add(as, value);
        }
    }

    private static JsonArray knownStrings(JsonElement value) {
        JsonArray result = new JsonArray();
        if (value != null && value.isJsonArray()) {
            for (JsonElement item : value.getAsJsonArray()) {
                if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isString()) {
                    result.add(item);
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
