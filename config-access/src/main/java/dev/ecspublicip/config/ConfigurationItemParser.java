package dev.ecspublicip.config;

import static dev.ecspublicip.config.JsonInput.kind;
import static dev.ecspublicip.config.JsonInput.path;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.EcsLocation;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;

/**
 * Reads a configuration item, in the shape of a Config rule event ({@code ARN}, configuration as an
 * object) or of the Config API ({@code arn}, configuration as a JSON string), into an {@link EcsResource}.
 *
 * <p>Property names are matched without regard to ASCII case ({@link PropertyReader}): Config records services as
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
        Map<String, String> tags = new LinkedHashMap<>(PropertyReader.tags(item.get("tags"), path(path, "tags"), null));
        if (kind.isLauncher()) {
            return new ConfigurationItem(launcher(key, kind, item, arn, name, presence, tags, path), captureTime);
        }
        if (kind.isEcs() && presence == Presence.RECORDED) {
            String configurationPath = path(path, "configuration");
            JsonObject configuration = configuration(item, configurationPath);
            awsvpc = PropertyReader.awsvpcNetwork(configuration, configurationPath, null);
            tags.putAll(PropertyReader.tags(
                    PropertyReader.member(configuration, "tags", configurationPath),
                    PropertyReader.memberPath(configuration, "tags", configurationPath),
                    null));
            if (arn.isEmpty()) {
                arn = PropertyReader.optionalText(
                        configuration, kind == ResourceKind.SERVICE ? "serviceArn" : "taskSetArn", configurationPath);
            }
            location = location(kind, configuration, configurationPath);
            if (name.isEmpty()) {
                name = kind == ResourceKind.SERVICE
                        ? PropertyReader.optionalText(configuration, "serviceName", configurationPath)
                                .or(() -> PropertyReader.optionalText(configuration, "name", configurationPath))
                        : PropertyReader.optionalText(configuration, "id", configurationPath);
            }
        }
        return new ConfigurationItem(
                new EcsResource(kind, key, arn, name, location, presence, awsvpc, tags), captureTime);
    }

    /**
     * A resource that launches ECS tasks, its configuration read in CloudFormation's shape, which Config
     * records for EventBridge rules. A state machine's item carries no definition (Config records its
     * name, role, logging and tracing): it is unresolved, so the rule never calls it COMPLIANT unread.
     */
    private static EcsResource launcher(
            ResourceKey key,
            ResourceKind kind,
            JsonObject item,
            Optional<String> arn,
            Optional<String> name,
            Presence presence,
            Map<String, String> tags,
            String path) {
        List<LaunchPoint> points = List.of();
        if (presence == Presence.RECORDED) {
            String configurationPath = path(path, "configuration");
            JsonObject configuration = configuration(item, configurationPath);
            tags.putAll(PropertyReader.tags(
                    PropertyReader.member(configuration, "tags", configurationPath),
                    PropertyReader.memberPath(configuration, "tags", configurationPath),
                    null));
            if (arn.isEmpty()) {
                arn = PropertyReader.optionalText(configuration, "arn", configurationPath);
            }
            if (name.isEmpty()) {
                name = LauncherProperties.name(kind, configuration, configurationPath, null);
            }
            points = LauncherProperties.launchPoints(kind, configuration, configurationPath, null);
            if (kind == ResourceKind.STATE_MACHINE
                    && points.isEmpty()
                    && !StateMachineDefinition.hasDefinition(configuration)) {
                points = List.of(LauncherProperties.unresolvedPoint(
                        "its definition",
                        "Definition",
                        new UnresolvedValue("Definition", "is not in AWS Config's configuration item")));
            }
        }
        return EcsResource.launcher(key, arn, name, presence, points, tags);
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
        Optional<String> cluster = PropertyReader.optionalText(configuration, "Cluster", path);
        if (kind == ResourceKind.SERVICE) {
            return new EcsLocation(
                    cluster,
                    PropertyReader.optionalText(configuration, "ServiceArn", path)
                            .or(() -> PropertyReader.optionalText(configuration, "ServiceName", path))
                            .or(() -> PropertyReader.optionalText(configuration, "Name", path)),
                    Optional.empty());
        }
        return new EcsLocation(
                cluster,
                PropertyReader.optionalText(configuration, "Service", path),
                PropertyReader.optionalText(configuration, "Id", path));
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
}
