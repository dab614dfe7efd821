package dev.ecspublicip.resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running ECS task with the addresses its network interfaces hold, as read from ECS (DescribeTasks) and
 * EC2 (DescribeNetworkInterfaces, and the route tables of its subnets for IPv6). Identified by its ARN.
 *
 * @param group {@code service:NAME} for a service's task, {@code family:NAME} for a standalone one
 * @param startedBy what started it: a deployment or task-set id for a service's task
 * @param serviceArn the service it belongs to, when its group names one
 * @param deployment which of its service's deployments (or task sets) started it
 * @param interfaces its awsvpc network interfaces; empty in bridge or host mode
 */
public record RunningTask(
        String taskArn,
        String group,
        Optional<String> startedBy,
        Optional<String> serviceArn,
        TaskDeployment deployment,
        List<TaskInterface> interfaces,
        Map<String, String> tags) {
    public static final String RESOURCE_TYPE = "AWS::ECS::Task";

    public RunningTask {
        interfaces = List.copyOf(interfaces);
        tags = Map.copyOf(tags);
    }
}
