package dev.ecspublicip.resource;

import java.util.Map;
import java.util.Optional;

/**
 * One ECS service or task set as the rule sees it, whatever it was read from: a configuration item in a
 * Config event, an item from the Config API, or an object from the ECS API.
 *
 * @param key the type and id exactly as the source gave them (for Config, echoed in the evaluation)
 * @param arn the resource's ARN when known
 * @param name the service name or task-set id when known
 * @param location the cluster, service and task set as the source recorded them
 * @param awsvpc the awsvpc network configuration, empty when there is none (bridge/host mode, EXTERNAL)
 * @param tags the resource's tags
 */
public record EcsResource(
        ResourceKind kind,
        ResourceKey key,
        Optional<String> arn,
        Optional<String> name,
        EcsLocation location,
        Presence presence,
        Optional<AwsvpcNetwork> awsvpc,
        Map<String, String> tags) {

    public EcsResource {
        tags = Map.copyOf(tags);
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
            case OTHER -> Optional.empty();
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
