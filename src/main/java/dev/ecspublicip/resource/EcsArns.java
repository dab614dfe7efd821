package dev.ecspublicip.resource;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ECS ARN shapes the rule relies on: service ARNs (for exemptions) and task-set ARNs. */
public final class EcsArns {
    // ECS cluster and service names: up to 255 letters, digits, hyphens and underscores.
    private static final String NAME = "[A-Za-z0-9_-]{1,255}";
    private static final String PREFIX = "arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:";

    /** {@code arn:P:ecs:R:A:service/CLUSTER/SERVICE}, or the older {@code service/SERVICE}. */
    private static final Pattern SERVICE = Pattern.compile(PREFIX + "service/(?:" + NAME + "/)?" + NAME);
    private static final Pattern TASK_SET =
            Pattern.compile("(" + PREFIX + ")task-set/(" + NAME + ")/(" + NAME + ")/([A-Za-z0-9_/-]+)");

    private static final Pattern CLUSTER = Pattern.compile("(" + PREFIX + ")cluster/(" + NAME + ")");
    private static final Pattern ECS_PREFIX = Pattern.compile(PREFIX);

    private EcsArns() {}

    /**
     * The ARN a service will have, from what a template declares before it exists: {@code service} as
     * an ARN already, or a name in {@code cluster} (a name or ARN; ECS's {@code default} when absent),
     * under {@code prefix} ({@code arn:PARTITION:ecs:REGION:ACCOUNT:}) unless the cluster ARN gives it.
     * Empty when that cannot be known.
     */
    public static Optional<String> plannedServiceArn(Optional<String> prefix, Optional<String> cluster, String service) {
        if (isServiceArn(service)) {
            return Optional.of(service);
        }
        if (!service.matches(NAME)) {
            return Optional.empty();
        }
        String clusterName = cluster.orElse("default");
        Optional<String> arnPrefix = prefix.filter(p -> ECS_PREFIX.matcher(p).matches());
        Matcher clusterArn = CLUSTER.matcher(clusterName);
        if (clusterArn.matches()) {
            arnPrefix = Optional.of(clusterArn.group(1));
            clusterName = clusterArn.group(2);
        } else if (!clusterName.matches(NAME)) {
            return Optional.empty();
        }
        String name = clusterName;
        return arnPrefix.map(p -> p + "service/" + name + "/" + service);
    }

    public static boolean isServiceArn(String text) {
        return SERVICE.matcher(text).matches();
    }

    public static boolean isTaskSetArn(String text) {
        return TASK_SET.matcher(text).matches();
    }

    public static Optional<String> serviceArnOfTaskSet(String taskSetArn) {
        Matcher m = TASK_SET.matcher(taskSetArn);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) + "service/" + m.group(2) + "/" + m.group(3));
    }
}
