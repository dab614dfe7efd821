package dev.ecspublicip.resource;

/** The resource types this rule judges, by the names AWS Config uses for them. */
public enum ResourceKind {
    SERVICE("AWS::ECS::Service", "ECS service"),
    TASK_SET("AWS::ECS::TaskSet", "ECS task set"),
    OTHER(null, "resource");

    private final String configType;
    private final String noun;

    ResourceKind(String configType, String noun) {
        this.configType = configType;
        this.noun = noun;
    }

    /** The AWS Config resource type, e.g. {@code AWS::ECS::Service}; null for {@link #OTHER}. */
    public String configType() {
        return configType;
    }

    public String noun() {
        return noun;
    }

    public static ResourceKind ofConfigType(String resourceType) {
        for (ResourceKind kind : values()) {
            if (kind.configType != null && kind.configType.equals(resourceType)) {
                return kind;
            }
        }
        return OTHER;
    }
}
