package dev.ecspublicip.resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One ECS service or task set, or one resource that launches ECS tasks, as the rule sees it, whatever it
 * was read from: a configuration item in a Config event, an item from the Config API, an object from an
 * AWS API, or a template's declaration.
 *
 * @param key the type and id exactly as the source gave them (for Config, echoed in the evaluation)
 * @param arn the resource's ARN when known
 * @param name the service name or task-set id when known
 * @param location the cluster, service and task set as the source recorded them
 * @param awsvpc the awsvpc network configuration, empty when there is none (bridge/host mode, EXTERNAL)
 * @param tags the resource's tags
 * @param launchPoints for a launcher, every point from which it starts ECS tasks (none: it starts none);
 *     empty for a service or task set, whose own network is {@code awsvpc}
 */
public record EcsResource(
        ResourceKind kind,
        ResourceKey key,
        Optional<String> arn,
        Optional<String> name,
        EcsLocation location,
        Presence presence,
        Optional<AwsvpcNetwork> awsvpc,
        Map<String, String> tags,
        List<LaunchPoint> launchPoints) {

    public EcsResource {
        tags = Map.copyOf(tags);
        launchPoints = List.copyOf(launchPoints);
    }

    /** A service, task set or other resource, which launches tasks from no launch point of its own. */
    public EcsResource(
            ResourceKind kind,
            ResourceKey key,
            Optional<String> arn,
            Optional<String> name,
            EcsLocation location,
            Presence presence,
            Optional<AwsvpcNetwork> awsvpc,
            Map<String, String> tags) {
        this(kind, key, arn, name, location, presence, awsvpc, tags, List.of());
    }

    /**
     * A resource that launches ECS tasks ({@link ResourceKind#isLauncher}) from these points.
     *
     * @param arn its ARN when known, for exemptions by ARN
     * @param name its name when known, for annotations
     */
    public static EcsResource launcher(
            ResourceKey key,
            Optional<String> arn,
            Optional<String> name,
            Presence presence,
            List<LaunchPoint> launchPoints,
            Map<String, String> tags) {
        ResourceKind kind = ResourceKind.ofConfigType(key.resourceType());
        if (!kind.isLauncher()) {
            throw new IllegalArgumentException(key.resourceType() + " does not launch ECS tasks");
        }
        return new EcsResource(
                kind, key, arn, name, EcsLocation.UNKNOWN, presence, Optional.empty(), tags, launchPoints);
    }

    /** A resource known only by its key: nothing recorded about it is needed to judge it. */
    public static EcsResource keyOnly(ResourceKey key) {
        return new EcsResource(
                ResourceKind.ofConfigType(key.resourceType()),
                key,
                Optional.empty(),
                Optional.empty(),
                EcsLocation.UNKNOWN,
                Presence.RECORDED,
                Optional.empty(),
                Map.of());
    }

    /**
     * A service or task set as a template or plan declares it, before it exists, keyed by its type and
     * logical id (or address). Its service's ARN, for exemptions, is known only when {@code service} names
     * it (a service's own name, a task set's service) and {@code where} or a cluster ARN places it.
     *
     * @param service a service's name, or a task set's service (a name or an ARN), when declared
     * @param where the partition, Region and account it will be created in, when known
     */
    public static EcsResource planned(
            ResourceKey key,
            Optional<String> cluster,
            Optional<String> service,
            Optional<AwsLocation> where,
            Optional<AwsvpcNetwork> awsvpc,
            Map<String, String> tags) {
        ResourceKind kind = ResourceKind.ofConfigType(key.resourceType());
        Optional<String> serviceArn =
                service.flatMap(s -> EcsArn.plannedService(where, cluster, s)).map(EcsArn::format);
        return switch (kind) {
            case SERVICE ->
                new EcsResource(
                        kind,
                        key,
                        serviceArn,
                        service,
                        new EcsLocation(cluster, service, Optional.empty()),
                        Presence.RECORDED,
                        awsvpc,
                        tags);
            // A task set's own ARN is known only once it exists; its service, as an ARN where it can be
            // known, is where the rule finds its service's exemption.
            case TASK_SET ->
                new EcsResource(
                        kind,
                        key,
                        Optional.empty(),
                        Optional.empty(),
                        new EcsLocation(cluster, serviceArn.or(() -> service), Optional.empty()),
                        Presence.RECORDED,
                        awsvpc,
                        tags);
            default -> keyOnly(key);
        };
    }

    public String resourceType() {
        return key.resourceType();
    }

    public String resourceId() {
        return key.resourceId();
    }

    /** The resource's ARN read as an ECS ARN, empty when unknown or not of ECS's documented shapes. */
    public Optional<EcsArn> ecsArn() {
        return arn.flatMap(EcsArn::parse);
    }

    /**
     * The ARN of the service this resource is or belongs to: the service's own ARN, or for a task set
     * the service ARN its task-set ARN names, else its location's service when that is given as an ARN
     * (as for a task set not created yet).
     */
    public Optional<String> serviceArn() {
        return switch (kind) {
            case SERVICE -> arn;
            case TASK_SET ->
                ecsArn().filter(a -> a.kind() == ResourceKind.TASK_SET)
                        .map(a -> a.serviceArn().format())
                        .or(() -> location.service()
                                .flatMap(EcsArn::parse)
                                .filter(a -> a.kind() == ResourceKind.SERVICE)
                                .map(EcsArn::format));
            default -> Optional.empty();
        };
    }

    /** How annotations name this resource, e.g. {@code ECS task set 'ecs-svc/123' of service 'web'}. */
    public String label() {
        String identity = name.or(() -> arn).orElse(resourceId());
        String label = kind.noun() + " '" + identity + "'";
        if (kind == ResourceKind.TASK_SET) {
            Optional<String> service = serviceArn().flatMap(EcsArn::parse).map(EcsArn::service);
            if (service.isPresent()) {
                label += " of service '" + service.get() + "'";
            }
        }
        return label;
    }
}
