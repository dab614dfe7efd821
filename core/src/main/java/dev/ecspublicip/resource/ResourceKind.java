package dev.ecspublicip.resource;

/** The resource types this rule judges, by the names AWS Config and CloudFormation use for them. */
public enum ResourceKind {
    SERVICE("AWS::ECS::Service", "ECS service"),
    TASK_SET("AWS::ECS::TaskSet", "ECS task set"),
    EVENTS_RULE("AWS::Events::Rule", "EventBridge rule"),
    SCHEDULE("AWS::Scheduler::Schedule", "EventBridge Scheduler schedule"),
    PIPE("AWS::Pipes::Pipe", "EventBridge pipe"),
    STATE_MACHINE("AWS::StepFunctions::StateMachine", "Step Functions state machine"),
    JOB_DEFINITION("AWS::Batch::JobDefinition", "Batch job definition"),
    OTHER(null, "resource");

    private final String configType;
    private final String noun;

    ResourceKind(String configType, String noun) {
        this.configType = configType;
        this.noun = noun;
    }

    /** The resource type, e.g. {@code AWS::ECS::Service}; null for {@link #OTHER}. */
    public String configType() {
        return configType;
    }

    public String noun() {
        return noun;
    }

    /** An ECS service or task set: what declares its own tasks' network, and what remediation changes. */
    public boolean isEcs() {
        return this == SERVICE || this == TASK_SET;
    }

    /** A resource that starts ECS tasks from one or more launch points ({@link LaunchPoint}). */
    public boolean isLauncher() {
        return this != OTHER && !isEcs();
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
