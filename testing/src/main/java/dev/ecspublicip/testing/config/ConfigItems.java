package dev.ecspublicip.testing.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Configuration items as AWS Config's API returns them (GetResourceConfigHistory's shape: configuration
 * as a JSON string in CloudFormation's PascalCase, tags as a map, timestamps as epoch seconds), for
 * stand-ins that hold an inventory. Resource ids mimic what Config shows for these types; the code under
 * test only ever echoes them.
 */
public final class ConfigItems {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";
    private static final String ECS_ARN = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":";

    /** What the awsvpc block says about public IPs; BRIDGE means no awsvpc configuration at all. */
    public enum Network {
        ENABLED,
        DISABLED,
        UNSET,
        BRIDGE
    }

    private ConfigItems() {}

    public static String serviceArn(String cluster, String service) {
        return ECS_ARN + "service/" + cluster + "/" + service;
    }

    public static JsonObject service(
            String cluster, String name, Network network, Map<String, String> tags, Instant captureTime) {
        String arn = serviceArn(cluster, name);
        JsonObject configuration = new JsonObject();
        configuration.addProperty("Cluster", ECS_ARN + "cluster/" + cluster);
        JsonObject deployment = new JsonObject();
        deployment.addProperty("MaximumPercent", 200);
        deployment.addProperty("MinimumHealthyPercent", 100);
        configuration.add("DeploymentConfiguration", deployment);
        JsonObject controller = new JsonObject();
        controller.addProperty("Type", "ECS");
        configuration.add("DeploymentController", controller);
        configuration.addProperty("DesiredCount", 2);
        configuration.addProperty("LaunchType", network == Network.BRIDGE ? "EC2" : "FARGATE");
        JsonArray loadBalancers = new JsonArray();
        JsonObject loadBalancer = new JsonObject();
        loadBalancer.addProperty("ContainerName", name);
        loadBalancer.addProperty("ContainerPort", 8080);
        loadBalancer.addProperty(
                "TargetGroupArn",
                "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT + ":targetgroup/" + name
                        + "/6d0ecf831eec9f09");
        loadBalancers.add(loadBalancer);
        configuration.add("LoadBalancers", loadBalancers);
        configuration.addProperty("Name", name);
        network(configuration, "AwsvpcConfiguration", network);
        configuration.addProperty("PlatformVersion", "LATEST");
        configuration.addProperty("SchedulingStrategy", "REPLICA");
        configuration.addProperty("ServiceArn", arn);
        configuration.addProperty("ServiceName", name);
        configuration.addProperty("TaskDefinition", ECS_ARN + "task-definition/" + name + ":42");
        return item("AWS::ECS::Service", arn + "|" + cluster, arn, name, configuration, tags, captureTime);
    }

    public static JsonObject taskSet(
            String cluster, String service, String id, Network network, Map<String, String> tags, Instant captureTime) {
        JsonObject configuration = new JsonObject();
        configuration.addProperty("Cluster", cluster);
        configuration.addProperty("ExternalId", "deployment-" + id.substring(id.lastIndexOf('/') + 1));
        configuration.addProperty("Id", id);
        configuration.addProperty("LaunchType", "FARGATE");
        network(configuration, "AwsVpcConfiguration", network);
        JsonObject scale = new JsonObject();
        scale.addProperty("Unit", "PERCENT");
        scale.addProperty("Value", 100.0);
        configuration.add("Scale", scale);
        configuration.addProperty("Service", service);
        configuration.addProperty("TaskDefinition", ECS_ARN + "task-definition/" + service + ":7");
        return item(
                "AWS::ECS::TaskSet",
                cluster + "|" + service + "|" + id,
                ECS_ARN + "task-set/" + cluster + "/" + service + "/" + id,
                id,
                configuration,
                tags,
                captureTime);
    }

    public static JsonObject cluster(String name, Instant captureTime) {
        JsonObject configuration = new JsonObject();
        configuration.addProperty("ClusterName", name);
        configuration.addProperty("Arn", ECS_ARN + "cluster/" + name);
        return item("AWS::ECS::Cluster", name, ECS_ARN + "cluster/" + name, name, configuration, Map.of(), captureTime);
    }

    /** A copy of the item as Config keeps it once the resource is deleted. */
    public static JsonObject deleted(JsonObject item) {
        JsonObject copy = item.deepCopy();
        copy.addProperty("configurationItemStatus", "ResourceDeleted");
        copy.remove("configuration");
        return copy;
    }

    public static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    private static void network(JsonObject configuration, String awsvpcName, Network network) {
        if (network == Network.BRIDGE) {
            return;
        }
        JsonObject awsvpc = new JsonObject();
        if (network != Network.UNSET) {
            awsvpc.addProperty("AssignPublicIp", network.name());
        }
        JsonArray groups = new JsonArray();
        groups.add("sg-0a1b2c3d4e5f60718");
        awsvpc.add("SecurityGroups", groups);
        JsonArray subnets = new JsonArray();
        subnets.add("subnet-0123456789abcdef0");
        subnets.add("subnet-0fedcba9876543210");
        awsvpc.add("Subnets", subnets);
        JsonObject networkConfiguration = new JsonObject();
        networkConfiguration.add(awsvpcName, awsvpc);
        configuration.add("NetworkConfiguration", networkConfiguration);
    }

    private static JsonObject item(
            String type,
            String id,
            String arn,
            String name,
            JsonObject configuration,
            Map<String, String> tags,
            Instant captureTime) {
        JsonObject item = new JsonObject();
        item.addProperty("version", "1.3");
        item.addProperty("accountId", ACCOUNT);
        item.addProperty("configurationItemCaptureTime", epochSeconds(captureTime));
        item.addProperty("configurationItemStatus", "OK");
        item.addProperty("configurationStateId", String.valueOf(captureTime.toEpochMilli()));
        item.addProperty("arn", arn);
        item.addProperty("resourceType", type);
        item.addProperty("resourceId", id);
        item.addProperty("resourceName", name);
        item.addProperty("awsRegion", REGION);
        item.addProperty("availabilityZone", "Regional");
        JsonObject tagMap = new JsonObject();
        tags.forEach(tagMap::addProperty);
        item.add("tags", tagMap);
        item.add("relatedEvents", new JsonArray());
        item.add("relationships", new JsonArray());
        item.addProperty("configuration", configuration.toString());
        item.add("supplementaryConfiguration", new JsonObject());
        item.addProperty("recordingFrequency", "CONTINUOUS");
        return item;
    }
}
