package dev.ecspublicip.resource;

import java.util.Optional;

/**
 * Where a service or task set lives in ECS, as its source recorded it: the cluster and service (each a
 * name or an ARN, both of which ECS accepts), and for a task set its id. Empty parts were not recorded.
 */
public record EcsLocation(Optional<String> cluster, Optional<String> service, Optional<String> taskSetId) {
    public static final EcsLocation UNKNOWN = new EcsLocation(Optional.empty(), Optional.empty(), Optional.empty());

    /** The location an ECS ARN names. */
    public static EcsLocation of(EcsArn arn) {
        return new EcsLocation(arn.cluster(), Optional.of(arn.service()), arn.taskSetId());
    }

    /** This location, with the parts it lacks taken from {@code other}. */
    public EcsLocation orElse(EcsLocation other) {
        return new EcsLocation(cluster.or(other::cluster), service.or(other::service), taskSetId.or(other::taskSetId));
    }
}
