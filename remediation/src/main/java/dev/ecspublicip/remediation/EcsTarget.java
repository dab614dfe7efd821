package dev.ecspublicip.remediation;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.resource.EcsArns;
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
    static EcsTarget fromArn(ResourceKind kind, String arn, String field) {
        boolean serviceArn = EcsArns.isServiceArn(arn);
        if (kind == ResourceKind.SERVICE && !serviceArn) {
            throw new BadInputException(field, "is an ECS task-set ARN but " + RemediationRequest.RESOURCE_TYPE
                    + " is " + kind.configType());
        }
        if (kind == ResourceKind.TASK_SET && serviceArn) {
            throw new BadInputException(field, "is an ECS service ARN but " + RemediationRequest.RESOURCE_TYPE
                    + " is " + kind.configType());
        }
        // arn:PARTITION:ecs:REGION:ACCOUNT:RESOURCE; the resource part holds the slash-separated names.
        String[] names = arn.split(":", 6)[5].split("/", 4);
        if (kind == ResourceKind.SERVICE) {
            if (names.length != 3) {
                throw new BadInputException(field, "is an old-format service ARN that does not name its cluster;"
                        + " pass the AWS Config resource id, or the ARN of the form ...:service/CLUSTER/SERVICE");
            }
            return service(names[1], arn);
        }
        return taskSet(names[1], names[2], names[3]);
    }

    static boolean isEcsArn(String text) {
        return EcsArns.isServiceArn(text) || EcsArns.isTaskSetArn(text);
    }

    String describe() {
        return kind == ResourceKind.SERVICE
                ? "service '" + service + "' in cluster '" + cluster + "'"
                : "task set '" + taskSetId.orElseThrow() + "' of service '" + service + "' in cluster '" + cluster + "'";
    }
}
