package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Terraform resource types {@code check} judges, by type name: the AWS provider's {@code aws_ecs_service}
 * and {@code aws_ecs_task_set} (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_service),
 * and the Cloud Control provider's {@code awscc_ecs_service} and {@code awscc_ecs_task_set}
 * (https://registry.terraform.io/providers/hashicorp/awscc/latest/docs/resources/ecs_service), whose attributes
 * are CloudFormation's properties in snake case.
 */
final class PlanResourceTypes {
    private static final Map<String, PlanResourceType> TYPES = types();

    private static Map<String, PlanResourceType> types() {
        Map<String, PlanResourceType> types = new java.util.HashMap<>(Map.of(
                "aws_ecs_service", new AwsProvider(ResourceKind.SERVICE, "name"),
                "aws_ecs_task_set", new AwsProvider(ResourceKind.TASK_SET, "service"),
                "awscc_ecs_service", new CloudControlProvider(ResourceKind.SERVICE, "service_name"),
                "awscc_ecs_task_set", new CloudControlProvider(ResourceKind.TASK_SET, "service")));
        // The resources that launch ECS tasks (LauncherPlanTypes).
        types.putAll(LauncherPlanTypes.types());
        return Map.copyOf(types);
    }

    private PlanResourceTypes() {}

    /** A planned service or task set; its network is {@code network}'s unless the change as a whole is unknown. */
    private static EcsResource planned(
            ResourceKind kind,
            String serviceAttribute,
            PlanResourceType.PlannedChange change,
            Supplier<Optional<AwsvpcNetwork>> network,
            Map<String, String> tags) {
        return EcsResource.planned(
                new ResourceKey(kind.configType(), change.address()),
                text(change.after(), "cluster"),
                text(change.after(), serviceAttribute),
                change.where(),
                change.whole().isPresent()
                        ? Optional.of(unresolved(change.whole().get()))
                        : network.get(),
                tags);
    }

    static Optional<PlanResourceType> of(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /**
     * {@code network_configuration} is a list of one block; {@code assign_public_ip} a boolean (true is
     * ENABLED, unset the provider's default, false); tags from {@code tags_all} (provider default tags
     * included) when the plan has it.
     */
    private record AwsProvider(ResourceKind kind, String serviceAttribute) implements PlanResourceType {
        @Override
        public EcsResource read(PlannedChange change) {
            JsonObject after = change.after();
            String tagsKey = after.has("tags_all") && after.get("tags_all").isJsonObject() ? "tags_all" : "tags";
            return planned(
                    kind,
                    serviceAttribute,
                    change,
                    () -> awsvpc(after, change.unknown(), change.path()),
                    tagMap(after.get(tagsKey), change.path() + "." + tagsKey));
        }

        private static Optional<AwsvpcNetwork> awsvpc(JsonObject after, JsonObject unknown, String path) {
            JsonElement unknownNetwork = unknown.get("network_configuration");
            if (isTrue(unknownNetwork) || isTrue(first(unknownNetwork))) {
                return Optional.of(unresolved(afterApply("network_configuration")));
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
            JsonElement blockUnknown = first(unknownNetwork);
            List<String> subnets = knownStrings(block.get("subnets"));
            List<String> securityGroups = knownStrings(block.get("security_groups"));
            if (blockUnknown != null
                    && blockUnknown.isJsonObject()
                    && isTrue(blockUnknown.getAsJsonObject().get("assign_public_ip"))) {
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

        private static JsonElement first(JsonElement list) {
            return list != null && list.isJsonArray() && !list.getAsJsonArray().isEmpty()
                    ? list.getAsJsonArray().get(0)
                    : null;
        }

        /** A map of strings; a tag unknown until apply is not in it and exempts nothing. */
        private static Map<String, String> tagMap(JsonElement tags, String path) {
            Map<String, String> result = new LinkedHashMap<>();
            if (tags == null || !tags.isJsonObject()) {
                return result;
            }
            for (Map.Entry<String, JsonElement> tag : tags.getAsJsonObject().entrySet()) {
                result.put(tag.getKey(), tagText(tag.getValue(), JsonInput.path(path, tag.getKey())));
            }
            return result;
        }
    }

    /**
     * {@code network_configuration} is an object holding {@code awsvpc_configuration}, whose
     * {@code assign_public_ip} is CloudFormation's text ({@code ENABLED}, {@code DISABLED}; unset is ECS's
     * default, DISABLED); tags a list of {@code key}/{@code value}.
     */
    private record CloudControlProvider(ResourceKind kind, String serviceAttribute) implements PlanResourceType {
        @Override
        public EcsResource read(PlannedChange change) {
            JsonObject after = change.after();
            return planned(
                    kind,
                    serviceAttribute,
                    change,
                    () -> awsvpc(after, change.unknown(), change.path()),
                    isTrue(change.unknown().get("tags"))
                            ? Map.of()
                            : tagList(after.get("tags"), change.path() + ".tags"));
        }

        private static Optional<AwsvpcNetwork> awsvpc(JsonObject after, JsonObject unknown, String path) {
            JsonElement unknownNetwork = unknown.get("network_configuration");
            if (isTrue(unknownNetwork)) {
                return Optional.of(unresolved(afterApply("network_configuration")));
            }
            JsonElement unknownBlock = member(unknownNetwork, "awsvpc_configuration");
            if (isTrue(unknownBlock)) {
                return Optional.of(unresolved(afterApply("awsvpc_configuration")));
            }
            String networkPath = path + ".network_configuration";
            JsonElement network = after.get("network_configuration");
            if (network == null || network.isJsonNull()) {
                return Optional.empty();
            }
            if (!network.isJsonObject()) {
                throw new BadInputException(networkPath, "must be an object, got " + JsonInput.kind(network));
            }
            JsonElement block = network.getAsJsonObject().get("awsvpc_configuration");
            if (block == null || block.isJsonNull()) {
                return Optional.empty();
            }
            String blockPath = networkPath + ".awsvpc_configuration";
            if (!block.isJsonObject()) {
                throw new BadInputException(blockPath, "must be an object, got " + JsonInput.kind(block));
            }
            List<String> subnets = knownStrings(block.getAsJsonObject().get("subnets"));
            List<String> securityGroups = knownStrings(block.getAsJsonObject().get("security_groups"));
            if (isTrue(member(unknownBlock, "assign_public_ip"))) {
                return Optional.of(AwsvpcNetwork.unresolved(afterApply("assign_public_ip"), subnets, securityGroups));
            }
            JsonElement value = block.getAsJsonObject().get("assign_public_ip");
            Optional<String> assign = Optional.empty();
            if (value != null && !value.isJsonNull()) {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                    throw new BadInputException(
                            blockPath + ".assign_public_ip", "must be a string, got " + JsonInput.kind(value));
                }
                assign = Optional.of(value.getAsString());
            }
            return Optional.of(new AwsvpcNetwork(assign, subnets, securityGroups));
        }

        private static JsonElement member(JsonElement object, String name) {
            return object != null && object.isJsonObject()
                    ? object.getAsJsonObject().get(name)
                    : null;
        }

        /** A list of {@code key}/{@code value}; an entry whose key is unknown until apply exempts nothing. */
        private static Map<String, String> tagList(JsonElement tags, String path) {
            Map<String, String> result = new LinkedHashMap<>();
            if (tags == null || !tags.isJsonArray()) {
                return result;
            }
            JsonArray list = tags.getAsJsonArray();
            for (int i = 0; i < list.size(); i++) {
                String tagPath = path + "[" + i + "]";
                if (!list.get(i).isJsonObject()) {
                    throw new BadInputException(tagPath, "must be an object, got " + JsonInput.kind(list.get(i)));
                }
                JsonObject tag = list.get(i).getAsJsonObject();
                Optional<String> key = text(tag, "key");
                if (key.isPresent()) {
                    result.put(key.get(), tagText(tag.get("value"), tagPath + ".value"));
                }
            }
            return result;
        }
    }

    private static AwsvpcNetwork unresolved(UnresolvedValue value) {
        return AwsvpcNetwork.unresolved(value, List.of(), List.of());
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

    private static String tagText(JsonElement value, String path) {
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        throw new BadInputException(path, "must be a string, got " + JsonInput.kind(value));
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
}
