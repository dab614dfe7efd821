package dev.ecspublicip.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a service or task set as CloudFormation declares it, before it exists: the {@code Properties} of a
 * template's resource or of a hook request, into an {@link EcsResource} keyed by its type and logical id.
 * Names in any ASCII casing, as in a recorded configuration ({@link PropertyReader}); {@code Tags} as a list
 * of {@code Key}/{@code Value}. Its service's ARN, for {@code exemptEcsServiceArns}, is known only when the
 * properties name the service (a service's {@code ServiceName}, a task set's {@code Service}) and the stack's
 * location or a cluster ARN places it.
 */
public final class CloudFormationProperties {
    /** The properties read; every other property is ignored, whatever it holds. */
    private static final List<String> READ =
            List.of("NetworkConfiguration", "Tags", "ServiceName", "Cluster", "Service");

    private CloudFormationProperties() {}

    /**
     * Whether the reader reads this property of a resource of this type (ASCII case ignored); what it does not
     * read cannot change a verdict.
     */
    public static boolean reads(String resourceType, String propertyName) {
        ResourceKind kind = ResourceKind.ofConfigType(resourceType);
        if (!kind.isLauncher()) {
            return reads(propertyName);
        }
        for (String name : LauncherProperties.read(kind)) {
            if (Ascii.equalsIgnoreCase(name, propertyName)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the reader reads this property of a service or task set (ASCII case ignored). */
    public static boolean reads(String propertyName) {
        for (String name : READ) {
            if (Ascii.equalsIgnoreCase(name, propertyName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Properties whose every value is as it will be deployed: a hook's request, which CloudFormation sends
     * with intrinsics resolved.
     *
     * @param where the partition, Region and account of the stack, when known
     */
    public static EcsResource read(
            String resourceType, String logicalId, JsonObject properties, Optional<AwsLocation> where, String path) {
        return readTemplate(resourceType, logicalId, properties, where, path, CloudFormationProperties::asDeployed);
    }

    /**
     * Properties of a template read offline, where some values are known only at deployment. Such a value
     * in {@code NetworkConfiguration}, its awsvpc block or {@code AssignPublicIp} becomes an unresolved
     * value in the model (the rule judges it); in subnets and security groups it is left out; a name or a
     * tag key known only at deployment names nothing and exempts nothing; a tag value is shown as such.
     *
     * @param setBy what sets a value known only at deployment (e.g. {@code Fn::ImportValue}, {@code Ref
     *     Subnet}), empty for a value as it will be
     */
    public static EcsResource readTemplate(
            String resourceType,
            String logicalId,
            JsonObject properties,
            Optional<AwsLocation> where,
            String path,
            Function<JsonElement, Optional<String>> setBy) {
        ResourceKey key = new ResourceKey(resourceType, logicalId);
        ResourceKind kind = ResourceKind.ofConfigType(resourceType);
        if (kind.isLauncher()) {
            // A template's or a hook's resource has no ARN yet: launchers are exempted there by tag only.
            return EcsResource.launcher(
                    key,
                    Optional.empty(),
                    LauncherProperties.name(kind, properties, path, setBy),
                    Presence.RECORDED,
                    LauncherProperties.launchPoints(kind, properties, path, setBy),
                    PropertyReader.tags(
                            PropertyReader.member(properties, "tags", path),
                            PropertyReader.memberPath(properties, "tags", path),
                            setBy));
        }
        if (!kind.isEcs()) {
            return EcsResource.keyOnly(key);
        }
        Optional<AwsvpcNetwork> awsvpc = PropertyReader.awsvpcNetwork(properties, path, setBy);
        Map<String, String> tags = PropertyReader.tags(
                PropertyReader.member(properties, "tags", path),
                PropertyReader.memberPath(properties, "tags", path),
                setBy);
        Optional<String> cluster = PropertyReader.optionalText(properties, "cluster", path, setBy);
        Optional<String> service = PropertyReader.optionalText(
                properties, kind == ResourceKind.SERVICE ? "serviceName" : "service", path, setBy);
        return EcsResource.planned(key, cluster, service, where, awsvpc, tags);
    }

    private static Optional<String> asDeployed(JsonElement value) {
        return Optional.empty();
    }
}
