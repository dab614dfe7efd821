package dev.ecspublicip.resource;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ECS service or task-set ARN, in the shapes ECS documents: {@code arn:P:ecs:R:A:service/CLUSTER/SERVICE},
 * the older {@code arn:P:ecs:R:A:service/SERVICE} (no cluster), and {@code arn:P:ecs:R:A:task-set/CLUSTER/SERVICE/ID}.
 * The one place an ECS ARN is read or written.
 *
 * @param location the partition, Region and account the ARN names
 * @param cluster the cluster name; empty for an old-format service ARN
 * @param taskSetId the task set's id (e.g. {@code ecs-svc/7345869273412391028}); empty for a service
 */
public record EcsArn(
        AwsLocation location, ResourceKind kind, Optional<String> cluster, String service, Optional<String> taskSetId) {
    // ECS cluster and service names: up to 255 letters, digits, hyphens and underscores.
    private static final String NAME = "([A-Za-z0-9_-]{1,255})";
    private static final Pattern ARN = Pattern.compile("arn:(aws(?:-[a-z-]+)?):ecs:([a-z0-9-]+):([0-9]{12}):(?:"
            + "service/(?:" + NAME + "/)?" + NAME + "|task-set/" + NAME + "/" + NAME + "/([A-Za-z0-9_/-]+))");

    private static final Pattern CLUSTER =
            Pattern.compile("arn:(aws(?:-[a-z-]+)?):ecs:([a-z0-9-]+):([0-9]{12}):cluster/" + NAME);

    public EcsArn {
        if (kind != ResourceKind.SERVICE && kind != ResourceKind.TASK_SET) {
            throw new IllegalArgumentException("an ECS ARN names a service or a task set, not " + kind);
        }
    }

    /** The ARN, or empty when the text is not an ECS service or task-set ARN. */
    public static Optional<EcsArn> parse(String text) {
        Matcher m = ARN.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(5) != null) {
            return Optional.of(new EcsArn(
                    new AwsLocation(m.group(1), m.group(2), m.group(3)),
                    ResourceKind.SERVICE,
                    Optional.ofNullable(m.group(4)),
                    m.group(5),
                    Optional.empty()));
        }
        return Optional.of(new EcsArn(
                new AwsLocation(m.group(1), m.group(2), m.group(3)),
                ResourceKind.TASK_SET,
                Optional.of(m.group(6)),
                m.group(7),
                Optional.of(m.group(8))));
    }

    /**
     * The ARN a service will have, from what a template declares before it exists: {@code service} as an
     * ARN already, or a name in {@code cluster} (a name or a cluster ARN; ECS's {@code default} when
     * absent), at {@code where} unless a cluster ARN gives partition, Region and account. Empty when that
     * cannot be known.
     */
    public static Optional<EcsArn> plannedService(
            Optional<AwsLocation> where, Optional<String> cluster, String service) {
        Optional<EcsArn> given = parse(service).filter(arn -> arn.kind() == ResourceKind.SERVICE);
        if (given.isPresent() || !service.matches(NAME)) {
            return given;
        }
        String clusterName = cluster.orElse("default");
        Matcher clusterArn = CLUSTER.matcher(clusterName);
        AwsLocation location;
        if (clusterArn.matches()) {
            location = new AwsLocation(clusterArn.group(1), clusterArn.group(2), clusterArn.group(3));
            clusterName = clusterArn.group(4);
        } else if (clusterName.matches(NAME) && where.isPresent()) {
            location = where.get();
        } else {
            return Optional.empty();
        }
        return Optional.of(
                new EcsArn(location, ResourceKind.SERVICE, Optional.of(clusterName), service, Optional.empty()));
    }

    /** The ARN of the service this ARN is or belongs to. */
    public EcsArn serviceArn() {
        return new EcsArn(location, ResourceKind.SERVICE, cluster, service, Optional.empty());
    }

    public String format() {
        String prefix = "arn:" + location.partition() + ":ecs:" + location.region() + ":" + location.account() + ":";
        return kind == ResourceKind.SERVICE
                ? prefix + "service/" + cluster.map(c -> c + "/").orElse("") + service
                : prefix + "task-set/" + cluster.orElseThrow() + "/" + service + "/" + taskSetId.orElseThrow();
    }

    @Override
    public String toString() {
        return format();
    }
}
