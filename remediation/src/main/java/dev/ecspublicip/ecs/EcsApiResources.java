package dev.ecspublicip.ecs;

import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsLocation;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * Reads ECS API objects (DescribeServices, DescribeTaskSets) into the rule's resource model. Resources
 * read this way are identified by their ARN; there is no Config resource id to echo.
 */
public final class EcsApiResources {
    private EcsApiResources() {}

    public static EcsResource of(Service service) {
        return new EcsResource(
                ResourceKind.SERVICE,
                new ResourceKey(ResourceKind.SERVICE.configType(), service.serviceArn()),
                Optional.ofNullable(service.serviceArn()),
                Optional.ofNullable(service.serviceName()),
                new EcsLocation(
                        Optional.ofNullable(service.clusterArn()),
                        Optional.ofNullable(service.serviceArn()),
                        Optional.empty()),
                presence(service.status()),
                awsvpc(service.networkConfiguration()),
                tags(service.hasTags() ? service.tags() : List.of()));
    }

    public static EcsResource of(TaskSet taskSet) {
        return new EcsResource(
                ResourceKind.TASK_SET,
                new ResourceKey(ResourceKind.TASK_SET.configType(), taskSet.taskSetArn()),
                Optional.ofNullable(taskSet.taskSetArn()),
                Optional.ofNullable(taskSet.id()),
                new EcsLocation(
                        Optional.ofNullable(taskSet.clusterArn()),
                        Optional.ofNullable(taskSet.serviceArn()),
                        Optional.ofNullable(taskSet.id())),
                presence(taskSet.status()),
                awsvpc(taskSet.networkConfiguration()),
                tags(taskSet.hasTags() ? taskSet.tags() : List.of()));
    }

    /** INACTIVE services are deleted ones that ECS still describes for a while. */
    private static Presence presence(String status) {
        return "INACTIVE".equals(status) ? Presence.DELETED : Presence.RECORDED;
    }

    private static Optional<AwsvpcNetwork> awsvpc(NetworkConfiguration network) {
        if (network == null || network.awsvpcConfiguration() == null) {
            return Optional.empty();
        }
        AwsVpcConfiguration awsvpc = network.awsvpcConfiguration();
        return Optional.of(new AwsvpcNetwork(
                Optional.ofNullable(awsvpc.assignPublicIpAsString()),
                awsvpc.hasSubnets() ? awsvpc.subnets() : List.of(),
                awsvpc.hasSecurityGroups() ? awsvpc.securityGroups() : List.of()));
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (tag.key() != null) {
                result.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return result;
    }
}
