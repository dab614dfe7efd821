package dev.ecspublicip.resource;

import java.util.Map;
import java.util.Optional;

/**
 * One ECS service or task set as the rule sees it, whatever it was read from: a configuration item in a
 * Config event, an item from the Config API, or an object from the ECS API.
 *
 * @param resourceType the type exactly as the source gave it (for Config, echoed in the evaluation)
 * @param resourceId the id exactly as the source gave it; never built or parsed
 * @param arn the resource's ARN when known
 * @param name the service name or task-set id when known
 * @param awsvpc the awsvpc network configuration, empty when there is none (bridge/host mode, EXTERNAL)
 * @param tags the resource's tags
 * @param owningServiceArn for a task set not deployed yet (no ARN of its own), its service's ARN when known
 */
public record EcsResource(
        ResourceKind kind,
        String resourceType,
        String resourceId,
        Optional<String> arn,
        Optional<String> name,
        Presence presence,
        Optional<AwsvpcNetwork> awsvpc,
        Map<String, String> tags,
        Optional<String> owningServiceArn) {

    public EcsResource {
        tags = Map.copyOf(tags);
    }

    public EcsResource(ResourceKind kind, String resourceType, String resourceId, Optional<String> arn,
            Optional<String> name, Presence presence, Optional<AwsvpcNetwork> awsvpc, Map<String, String> tags) {
        this(kind, resourceType, resourceId, arn, name, presence, awsvpc, tags, Optional.empty());
    }

    /**
     * The ARN of the service this resource is or belongs to: the service's own ARN, or for a task set
     * the service ARN derived from {@code arn:P:ecs:R:A:task-set/CLUSTER/SERVICE/ID}.
     */
    public Optional<String> serviceArn() {
        return switch (kind) {
            case SERVICE -> arn;
            case TASK_SET -> arn.flatMap(EcsArns::serviceArnOfTaskSet).or(() -> owningServiceArn);
            case OTHER -> Optional.empty();
        };
    }

    /** How annotations name this resource, e.g. {@code ECS task set 'ecs-svc/123' of service 'web'}. */
    public String label() {
        String identity = name.or(() -> arn).orElse(resourceId);
        String label = kind.noun() + " '" + identity + "'";
        if (kind == ResourceKind.TASK_SET) {
            Optional<String> service = serviceArn().map(s -> s.substring(s.lastIndexOf('/') + 1));
            if (service.isPresent()) {
                label += " of service '" + service.get() + "'";
            }
        }
        return label;
    }
}
