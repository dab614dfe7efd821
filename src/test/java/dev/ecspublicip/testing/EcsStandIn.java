package dev.ecspublicip.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.testing.ConfigItems.Network;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A loopback stand-in of Amazon ECS holding clusters, services and task sets, answering the reads
 * {@code scan} makes as ECS does: ListClusters (pages of up to 100, default 100), ListServices (up to 100,
 * default 10, ClusterNotFoundException), DescribeServices (at most 10 services, tags only when asked,
 * MISSING failures), DescribeTaskSets. Requests are checked against the API model by the base class, and
 * answers against the output shapes. Only what scan needs; remediation's ECS behaviour lives elsewhere.
 */
public final class EcsStandIn extends JsonProtocolStandIn {
    private static final String ECS_ARN = "arn:aws:ecs:" + ConfigItems.REGION + ":" + ConfigItems.ACCOUNT + ":";

    private final Object data = new Object();
    private final Map<String, Map<String, JsonObject>> servicesByCluster = new LinkedHashMap<>();
    private final Map<String, List<JsonObject>> taskSetsByService = new LinkedHashMap<>();

    public EcsStandIn() {
        super("ecs");
        on("ListClusters", modelCheckedAnswer(this::listClusters));
        on("ListServices", modelCheckedAnswer(this::listServices));
        on("DescribeServices", modelCheckedAnswer(this::describeServices));
        on("DescribeTaskSets", modelCheckedAnswer(this::describeTaskSets));
    }

    /** A real SDK client talking to this stand-in, configured as our code configures its own. */
    public EcsClient client(Region region) {
        return client(endpoint(), region);
    }

    public static EcsClient client(URI endpoint, Region region) {
        return dev.ecspublicip.aws.AwsClients.configure(EcsClient.builder())
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build();
    }

    public static String clusterArn(String cluster) {
        return ECS_ARN + "cluster/" + cluster;
    }

    public EcsStandIn cluster(String name) {
        synchronized (data) {
            servicesByCluster.computeIfAbsent(name, n -> new LinkedHashMap<>());
        }
        return this;
    }

    /** A service (camelCase, as the ECS API describes it) with the given controller type (ECS, EXTERNAL...). */
    public EcsStandIn service(String cluster, String name, Network network, String controller, Map<String, String> tags) {
        JsonObject service = new JsonObject();
        service.addProperty("serviceArn", ConfigItems.serviceArn(cluster, name));
        service.addProperty("serviceName", name);
        service.addProperty("clusterArn", clusterArn(cluster));
        service.addProperty("status", "ACTIVE");
        service.addProperty("desiredCount", 2);
        service.addProperty("runningCount", 2);
        if (!controller.equals("EXTERNAL")) {
            service.addProperty("launchType", network == Network.BRIDGE ? "EC2" : "FARGATE");
            network(service, network);
        }
        JsonObject deploymentController = new JsonObject();
        deploymentController.addProperty("type", controller);
        service.add("deploymentController", deploymentController);
        service.add("tags", tags(tags));
        service.addProperty("createdAt", 1772442900.0);
        synchronized (data) {
            servicesByCluster.computeIfAbsent(cluster, n -> new LinkedHashMap<>()).put(name, service);
        }
        return this;
    }

    public EcsStandIn taskSet(String cluster, String service, String id, Network network, Map<String, String> tags) {
        JsonObject taskSet = new JsonObject();
        taskSet.addProperty("id", id);
        taskSet.addProperty("taskSetArn", ECS_ARN + "task-set/" + cluster + "/" + service + "/" + id);
        taskSet.addProperty("serviceArn", ConfigItems.serviceArn(cluster, service));
        taskSet.addProperty("clusterArn", clusterArn(cluster));
        taskSet.addProperty("status", "PRIMARY");
        taskSet.addProperty("launchType", "FARGATE");
        network(taskSet, network);
        taskSet.add("tags", tags(tags));
        synchronized (data) {
            taskSetsByService.computeIfAbsent(ConfigItems.serviceArn(cluster, service), s -> new ArrayList<>()).add(taskSet);
        }
        return this;
    }

    private Object listClusters(JsonObject request) {
        List<String> arns = new ArrayList<>();
        synchronized (data) {
            servicesByCluster.keySet().forEach(name -> arns.add(clusterArn(name)));
        }
        return page(request, arns, 100, "clusterArns");
    }

    private Object listServices(JsonObject request) {
        String cluster = clusterName(request);
        List<String> arns = new ArrayList<>();
        synchronized (data) {
            Map<String, JsonObject> services = servicesByCluster.get(cluster);
            if (services == null) {
                return Reply.error(400, "ClusterNotFoundException", "Cluster not found.");
            }
            services.values().forEach(service -> arns.add(service.get("serviceArn").getAsString()));
        }
        return page(request, arns, 10, "serviceArns");
    }

    private Object describeServices(JsonObject request) {
        String cluster = clusterName(request);
        JsonArray names = request.getAsJsonArray("services");
        if (names.size() > 10) {
            violation("DescribeServices with " + names.size() + " services (at most 10)");
            return Reply.error(400, "InvalidParameterException", "Services cannot be more than 10.");
        }
        boolean withTags = includes(request, "TAGS");
        JsonArray services = new JsonArray();
        JsonArray failures = new JsonArray();
        synchronized (data) {
            Map<String, JsonObject> inCluster = servicesByCluster.get(cluster);
            if (inCluster == null) {
                return Reply.error(400, "ClusterNotFoundException", "Cluster not found.");
            }
            for (JsonElement name : names) {
                String wanted = name.getAsString();
                JsonObject service = inCluster.get(wanted.substring(wanted.lastIndexOf('/') + 1));
                if (service == null) {
                    JsonObject failure = new JsonObject();
                    failure.addProperty("arn", wanted);
                    failure.addProperty("reason", "MISSING");
                    failures.add(failure);
                } else {
                    services.add(withTags ? service : withoutTags(service));
                }
            }
        }
        JsonObject body = new JsonObject();
        body.add("services", services);
        body.add("failures", failures);
        return body;
    }

    private Object describeTaskSets(JsonObject request) {
        boolean withTags = includes(request, "TAGS");
        JsonArray taskSets = new JsonArray();
        synchronized (data) {
            String service = request.get("service").getAsString();
            for (JsonObject taskSet : taskSetsByService.getOrDefault(service, List.of())) {
                taskSets.add(withTags ? taskSet : withoutTags(taskSet));
            }
        }
        JsonObject body = new JsonObject();
        body.add("taskSets", taskSets);
        body.add("failures", new JsonArray());
        return body;
    }

    private Object page(JsonObject request, List<String> all, int defaultSize, String member) {
        int size = request.has("maxResults") ? request.get("maxResults").getAsInt() : defaultSize;
        if (size < 1 || size > 100) {
            violation("maxResults " + size + " (1 to 100)");
            return Reply.error(400, "InvalidParameterException", "maxResults must be between 1 and 100");
        }
        int start = request.has("nextToken") ? Integer.parseInt(request.get("nextToken").getAsString().substring(5)) : 0;
        return page(all.stream().map(JsonPrimitive::new).toList(), start, size, member, "nextToken", "page-");
    }

    private static String clusterName(JsonObject request) {
        String cluster = request.has("cluster") ? request.get("cluster").getAsString() : "default";
        return cluster.substring(cluster.lastIndexOf('/') + 1);
    }

    private static boolean includes(JsonObject request, String field) {
        if (!request.has("include")) {
            return false;
        }
        for (JsonElement included : request.getAsJsonArray("include")) {
            if (included.getAsString().equals(field)) {
                return true;
            }
        }
        return false;
    }

    private static JsonObject withoutTags(JsonObject resource) {
        JsonObject copy = resource.deepCopy();
        copy.remove("tags");
        return copy;
    }

    private static void network(JsonObject resource, Network network) {
        if (network == Network.BRIDGE) {
            return;
        }
        JsonObject awsvpc = new JsonObject();
        JsonArray subnets = new JsonArray();
        subnets.add("subnet-0123456789abcdef0");
        awsvpc.add("subnets", subnets);
        JsonArray groups = new JsonArray();
        groups.add("sg-0a1b2c3d4e5f60718");
        awsvpc.add("securityGroups", groups);
        if (network != Network.UNSET) {
            awsvpc.addProperty("assignPublicIp", network.name());
        }
        JsonObject configuration = new JsonObject();
        configuration.add("awsvpcConfiguration", awsvpc);
        resource.add("networkConfiguration", configuration);
    }

    private static JsonArray tags(Map<String, String> tags) {
        JsonArray list = new JsonArray();
        tags.forEach((key, value) -> {
            JsonObject tag = new JsonObject();
            tag.addProperty("key", key);
            tag.addProperty("value", value);
            list.add(tag);
        });
        return list;
    }
}
