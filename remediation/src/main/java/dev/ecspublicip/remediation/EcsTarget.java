package dev.ecspublicip.remediation;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.resource.EcsArn;
import dev.ecspublicip.resource.ResourceKind;
import java.util.Optional;

/**
 * Where the resource to remediate lives in ECS: its cluster and service (each a name or an ARN, both of
 * which ECS accepts), and for a task set its id.
 *
 * @param taskSetId the task set's id, e.g. {@code ecs-svc/7345869273412391028}; empty for a service
 */
record EcsTarget(ResourceKind kind, String cluster, String service, Optional<String> taskSetId) {

    static EcsTarget service(String cluster, String service) {
        return new EcsTarget(ResourceKind.SERVICE, cluster, service, Optional.empty());
    }

    static EcsTarget taskSet(String cluster, String service, String taskSetId) {
        return new EcsTarget(ResourceKind.TASK_SET, cluster, service, Optional.of(taskSetId));
    }

    /**
     * The target named by an ECS ARN given for a manual run: {@code ...:service/CLUSTER/SERVICE} or
     * {@code ...:task-set/CLUSTER/SERVICE/ID}. These are ECS's documented ARN shapes, not Config ids.
     */
    /** @param typeInput how the caller names the resource-type input, for the error when the two disagree */
    static EcsTarget fromArn(ResourceKind kind, String text, String field, String typeInput) {
        EcsArn arn = EcsArn.parse(text)
                .orElseThrow(() -> new BadInputException(field, "is not an ECS service or" + " task-set ARN"));
        if (kind != arn.kind()) {
            throw new BadInputException(
                    field,
                    "is an ECS " + (arn.kind() == ResourceKind.SERVICE ? "service" : "task-set") + " ARN but "
                            + typeInput + " is " + kind.configType());
        }
        if (arn.cluster().isEmpty()) {
            throw new BadInputException(
                    field,
                    "is an old-format service ARN that does not name its cluster;"
                            + " pass the AWS Config resource id, or the ARN of the form ...:service/CLUSTER/SERVICE");
        }
        return kind == ResourceKind.SERVICE
                ? service(arn.cluster().get(), text)
                : taskSet(arn.cluster().get(), arn.service(), arn.taskSetId().orElseThrow());
    }

    static boolean isEcsArn(String text) {
        return EcsArn.parse(text).isPresent();
    }

    String describe() {
        return kind == ResourceKind.SERVICE
                ? "service '" + service + "' in cluster '" + cluster + "'"
                : "task set '" + taskSetId.orElseThrow() + "' of service '" + service + "' in cluster '" + cluster
                        + "'";
    }
}
