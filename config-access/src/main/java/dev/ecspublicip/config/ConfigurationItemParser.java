package dev.ecspublicip.config;

import static dev.ecspublicip.config.JsonInput.kind;
import static dev.ecspublicip.config.JsonInput.path;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.EcsArn;
import dev.ecspublicip.resource.EcsLocation;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;

/**
 * Reads a configuration item, in the shape of a Config rule event ({@code ARN}, configuration as an
 * object) or of the Config API ({@code arn}, configuration as a JSON string), into an {@link EcsResource}.
 *
 * <p>Property names are matched without regard to ASCII case (only ASCII: {@code AſsignPublicIp} is not
 * {@code AssignPublicIp}): Config records services as
 * {@code NetworkConfiguration.AwsvpcConfiguration}, task sets as {@code NetworkConfiguration.AwsVpcConfiguration},
 * and older records and the ECS API use camelCase.
 */
public final class ConfigurationItemParser {
    private ConfigurationItemParser() {}

    /** An item as BatchGetResourceConfig returns it (no {@code tags} member; tags in the configuration are read). */
    public static ConfigurationItem parse(BaseConfigurationItem item, String path) {
        return parse(ConfigItemJson.of(item), path);
    }

    /** An item as GetResourceConfigHistory returns it, with its tags. */
    public static ConfigurationItem parse(
            software.amazon.awssdk.services.config.model.ConfigurationItem item, String path) {
        return parse(ConfigItemJson.of(item), path);
    }

    public static ConfigurationItem parse(JsonObject item, String path) {
        ResourceKey key = resourceKey(item, path);
        String resourceType = key.resourceType();
        var captureTime = JsonInput.requiredTimestamp(item, "configurationItemCaptureTime", path);
        Presence presence = Presence.ofStatus(
                JsonInput.optionalString(item, "configurationItemStatus", path).orElse(null));
        ResourceKind kind = ResourceKind.ofConfigType(resourceType);

        Optional<String> arn = JsonInput.optionalString(item, "ARN", path)
                .or(() -> JsonInput.optionalString(item, "arn", path))
                .filter(s -> !s.isEmpty());
        Optional<String> name =
                JsonInput.optionalString(item, "resourceName", path).filter(s -> !s.isEmpty());

        Optional<AwsvpcNetwork> awsvpc = Optional.empty();
        EcsLocation location = EcsLocation.UNKNOWN;
        Map<String, String> tags = new LinkedHashMap<>(readTags(item.get("tags"), path(path, "tags")));
        if (kind != ResourceKind.OTHER && presence == Presence.RECORDED) {
            String configurationPath = path(path, "configuration");
            JsonObject configuration = configuration(item, configurationPath);
            awsvpc = awsvpcNetwork(configuration, configurationPath);
            tags.putAll(readTags(
                    member(configuration, "tags", configurationPath),
                    memberPath(configuration, "tags", configurationPath)));
            if (arn.isEmpty()) {
                arn = optionalText(
                        configuration, kind == ResourceKind.SERVICE ? "serviceArn" : "taskSetArn", configurationPath);
            }
            location = location(kind, configuration, configurationPath);
            if (name.isEmpty()) {
                name = kind == ResourceKind.SERVICE
                        ? optionalText(configuration, "serviceName", configurationPath)
                                .or(() -> optionalText(configuration, "name", configurationPath))
                        : optionalText(configuration, "id", configurationPath);
            }
        }
        return new ConfigurationItem(
                new EcsResource(kind, key, arn, name, location, presence, awsvpc, tags), captureTime);
    }

    /** Config's longest resource type (PutEvaluations' ComplianceResourceType, StringWithCharLimit256). */
    public static final int MAX_RESOURCE_TYPE_LENGTH = 256;
    /** Config's longest resource id (ComplianceResourceId, BaseResourceId). */
    public static final int MAX_RESOURCE_ID_LENGTH = 768;

    /**
     * The item's {@code resourceType} and {@code resourceId}, echoed as given but no longer than Config
     * accepts them: a longer one cannot be a Config resource, and no evaluation of it could be put.
     */
    public static ResourceKey resourceKey(JsonObject item, String path) {
        return new ResourceKey(
                boundedString(item, "resourceType", path, MAX_RESOURCE_TYPE_LENGTH),
                boundedString(item, "resourceId", path, MAX_RESOURCE_ID_LENGTH));
    }

    private static String boundedString(JsonObject item, String name, String path, int maxLength) {
        String value = JsonInput.requiredString(item, name, path);
        if (value.length() > maxLength) {
            throw new BadInputException(
                    path(path, name),
                    "is " + value.length() + " characters, longer than the " + maxLength + " AWS Config accepts: "
                            + ErrorLine.quote(value));
        }
        return value;
    }

    /**
     * Where the configuration says the resource lives: {@code Cluster}, then for a service its
     * {@code ServiceArn} (or {@code ServiceName}, {@code Name}), for a task set its {@code Service} and {@code Id}.
     */
    private static EcsLocation location(ResourceKind kind, JsonObject configuration, String path) {
        Optional<String> cluster = optionalText(configuration, "Cluster", path);
        if (kind == ResourceKind.SERVICE) {
            return new EcsLocation(
                    cluster,
                    optionalText(configuration, "ServiceArn", path)
                            .or(() -> optionalText(configuration, "ServiceName", path))
                            .or(() -> optionalText(configuration, "Name", path)),
                    Optional.empty());
        }
        return new EcsLocation(
                cluster, optionalText(configuration, "Service", path), optionalText(configuration, "Id", path));
    }

    /**
     * A service or task set as CloudFormation declares it, before it exists: the {@code Properties} of a
     * template resource or of a hook request, read like a recorded configuration (names in any casing,
     * {@code Tags} as a list of {@code Key}/{@code Value}). Named by its logical id. Its service's ARN, for
     * {@code exemptEcsServiceArns}, is known only when the properties name the service (a service's
     * {@code ServiceName}, a task set's {@code Service}) and {@code ecsArnPrefix} or a cluster ARN gives
     * partition, Region and account.
     *
     * @param ecsArnPrefix {@code arn:PARTITION:ecs:REGION:ACCOUNT:} where the resource will be, when known
     */
    public static EcsResource fromResourceProperties(
            String resourceType, String logicalId, JsonObject properties, Optional<String> ecsArnPrefix, String path) {
        ResourceKind kind = ResourceKind.ofConfigType(resourceType);
        ResourceKey key = new ResourceKey(resourceType, logicalId);
        if (kind == ResourceKind.OTHER) {
            return EcsResource.keyOnly(key);
        }
        Optional<AwsvpcNetwork> awsvpc = awsvpcNetwork(properties, path);
        Map<String, String> tags = readTags(member(properties, "tags", path), memberPath(properties, "tags", path));
        Optional<String> cluster = optionalText(properties, "cluster", path);
        Optional<String> service =
                optionalText(properties, kind == ResourceKind.SERVICE ? "serviceName" : "service", path);
        Optional<String> serviceArn = service.flatMap(s -> EcsArn.plannedService(ecsArnPrefix, cluster, s))
                .map(EcsArn::format);
        // A task set's service, as an ARN where it can be known, is where the rule finds its service's exemption.
        return kind == ResourceKind.SERVICE
                ? new EcsResource(
                        kind,
                        key,
                        serviceArn,
                        service,
                        new EcsLocation(cluster, service, Optional.empty()),
                        Presence.RECORDED,
                        awsvpc,
                        tags)
                : new EcsResource(
                        kind,
                        key,
                        Optional.empty(),
                        Optional.empty(),
                        new EcsLocation(cluster, serviceArn.or(() -> service), Optional.empty()),
                        Presence.RECORDED,
                        awsvpc,
                        tags);
    }

    /**
     * The awsvpc block of a service or task set configuration (any casing), empty when there is none.
     * Shared with readers of the ECS API, whose objects use the same property names in camelCase.
     *
     * <p>One property may appear in more than one spelling ({@code NetworkConfiguration} beside
     * {@code networkConfiguration}, {@code AwsvpcConfiguration} beside {@code awsvpcConfiguration},
     * {@code AssignPublicIp} beside {@code assignPublicIp}); where they disagree, the more public value is
     * the one judged, so no spelling can hide a public IP.
     */
    public static Optional<AwsvpcNetwork> awsvpcNetwork(JsonObject configuration, String path) {
        AwsvpcNetwork chosen = null;
        for (Map.Entry<String, JsonElement> network : members(configuration, "networkConfiguration")) {
            if (network.getValue().isJsonNull()) {
                continue;
            }
            String networkPath = path(path, network.getKey());
            if (!network.getValue().isJsonObject()) {
                throw new BadInputException(networkPath, "must be an object, got " + kind(network.getValue()));
            }
            for (Map.Entry<String, JsonElement> block :
                    members(network.getValue().getAsJsonObject(), "awsvpcConfiguration")) {
                if (block.getValue().isJsonNull()) {
                    continue;
                }
                String blockPath = path(networkPath, block.getKey());
                if (!block.getValue().isJsonObject()) {
                    throw new BadInputException(blockPath, "must be an object, got " + kind(block.getValue()));
                }
                AwsvpcNetwork candidate = readAwsvpc(block.getValue().getAsJsonObject(), blockPath);
                if (chosen == null || publicity(candidate.assignPublicIp()) > publicity(chosen.assignPublicIp())) {
                    chosen = candidate;
                }
            }
        }
        return Optional.ofNullable(chosen);
    }

    private static AwsvpcNetwork readAwsvpc(JsonObject block, String path) {
        return new AwsvpcNetwork(
                assignPublicIp(block, path),
                stringList(block, "subnets", path),
                stringList(block, "securityGroups", path));
    }

    /** The most public of the block's {@code AssignPublicIp} spellings; an empty string is a value, not an absence. */
    private static Optional<String> assignPublicIp(JsonObject block, String path) {
        Optional<String> chosen = Optional.empty();
        for (Map.Entry<String, JsonElement> member : members(block, "assignPublicIp")) {
            JsonElement value = member.getValue();
            if (value.isJsonNull()) {
                continue;
            }
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw new BadInputException(path(path, member.getKey()), "must be a string, got " + kind(value));
            }
            Optional<String> candidate = Optional.of(value.getAsString());
            if (publicity(candidate) > publicity(chosen)) {
                chosen = candidate;
            }
        }
        return chosen;
    }

    /** 0 absent (ECS defaults to DISABLED), 1 DISABLED, 2 anything else (ENABLED, or a value no one can vouch for). */
    private static int publicity(Optional<String> assignPublicIp) {
        if (assignPublicIp.isEmpty()) {
            return 0;
        }
        return Ascii.equalsIgnoreCase(assignPublicIp.get(), "DISABLED") ? 1 : 2;
    }

    private static JsonObject configuration(JsonObject item, String path) {
        JsonElement value = item.get("configuration");
        if (value == null || value.isJsonNull()) {
            throw new BadInputException(path, "is missing for a recorded resource");
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            // The Config API returns the configuration as a JSON document inside a string.
            return JsonInput.parseObject(value.getAsString(), path);
        }
        if (!value.isJsonObject()) {
            throw new BadInputException(path, "must be an object, got " + kind(value));
        }
        return value.getAsJsonObject();
    }

    /** Tags as a map ({@code {"k":"v"}}, the item's shape) or a list of {@code {Key,Value}} (any casing). */
    private static Map<String, String> readTags(JsonElement tags, String path) {
        Map<String, String> result = new LinkedHashMap<>();
        if (tags == null || tags.isJsonNull()) {
            return result;
        }
        if (tags.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : tags.getAsJsonObject().entrySet()) {
                result.put(e.getKey(), tagValue(e.getValue(), path(path, e.getKey())));
            }
            return result;
        }
        if (!tags.isJsonArray()) {
            throw new BadInputException(path, "must be an object or a list, got " + kind(tags));
        }
        JsonArray list = tags.getAsJsonArray();
        for (int i = 0; i < list.size(); i++) {
            String tagPath = path + "[" + i + "]";
            if (!list.get(i).isJsonObject()) {
                throw new BadInputException(tagPath, "must be an object, got " + kind(list.get(i)));
            }
            JsonObject tag = list.get(i).getAsJsonObject();
            String key = optionalText(tag, "key", tagPath)
                    .orElseThrow(() -> new BadInputException(path(tagPath, "Key"), "is missing"));
            result.put(key, tagValue(member(tag, "value", tagPath), memberPath(tag, "value", tagPath)));
        }
        return result;
    }

    private static String tagValue(JsonElement value, String path) {
        if (value == null || value.isJsonNull()) {
            return "";
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new BadInputException(path, "must be a string, got " + kind(value));
        }
        return value.getAsString();
    }

    /**
     * A string member matched without regard to case, empty when absent or empty. Shared with readers of
     * other fields of a recorded configuration (e.g. {@code Cluster}, {@code Service}).
     */
    public static Optional<String> optionalText(JsonObject object, String name, String path) {
        JsonElement value = member(object, name, path);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new BadInputException(memberPath(object, name, path), "must be a string, got " + kind(value));
        }
        return Optional.of(value.getAsString()).filter(s -> !s.isEmpty());
    }

    private static List<String> stringList(JsonObject object, String name, String path) {
        JsonElement value = member(object, name, path);
        List<String> result = new ArrayList<>();
        if (value == null || value.isJsonNull()) {
            return result;
        }
        String listPath = memberPath(object, name, path);
        if (!value.isJsonArray()) {
            throw new BadInputException(listPath, "must be a list, got " + kind(value));
        }
        for (JsonElement element : value.getAsJsonArray()) {
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
    private static JsonElement member(JsonObject object, String name, String path) {
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
    private static List<Map.Entry<String, JsonElement>> members(JsonObject object, String name) {
        List<Map.Entry<String, JsonElement>> found = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (Ascii.equalsIgnoreCase(entry.getKey(), name)) {
                found.add(entry);
            }
        }
        return found;
    }

    /** The path of a member for error messages, spelled as the input spelled it. */
    private static String memberPath(JsonObject object, String name, String path) {
        List<Map.Entry<String, JsonElement>> all = members(object, name);
        return path(path, all.isEmpty() ? name : all.get(0).getKey());
    }
}
