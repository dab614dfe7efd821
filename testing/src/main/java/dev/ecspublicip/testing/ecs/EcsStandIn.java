package dev.ecspublicip.testing.ecs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * A stateful loopback stand-in of Amazon ECS for remediation tests: it holds services and task sets
 * (in the ECS API's JSON shape), and task definitions for DescribeTaskDefinition, and applies UpdateService, CreateTaskSet, UpdateServicePrimaryTaskSet
 * and DeleteTaskSet to them, so a rerun sees what the previous run left. Every request is also checked
 * against the ECS API model. Rules ECS enforces that the model cannot express are enforced here too:
 * task sets only for EXTERNAL services, networking changes only for ECS-controller services, no
 * {@code aws:} tags, no deleting a primary task set or a scaled-up one without {@code force}, and the
 * idempotency of CreateTaskSet's client token.
 *
 * <p>New task sets start STABILIZING; tests decide when they are steady ({@link #markSteady}), or let
 * them settle by themselves after being described a number of times ({@link #settleAfterDescribes}). A
 * task set that finished draining is gone from every listing, but its client token still answers with
 * it, INACTIVE (ECS documents no expiry for a token that this stand-in could model).
 *
 * <p>Every error it answers is one the ECS API model lists for that operation (a violation otherwise):
 * a task set it no longer has (finished draining, or never there) is TaskSetNotFoundException for
 * DeleteTaskSet and UpdateServicePrimaryTaskSet, as for any unknown id. ECS documents no answer for
 * DeleteTaskSet of a task set already DRAINING; this stand-in accepts it again and changes nothing.
 *
 * <p>Concurrent runs: {@link #client(String)} names its caller on every request, and
 * {@link #beforeEachCall} runs before the stand-in acts on a call, so a test can hold each caller's
 * calls and let them through in the order it chooses.
 *
 * <p>For {@code scan} it also lists: ListClusters (the clusters of the services and tasks it holds; pages
 * of up to 100, default 100) and ListServices (pages of up to 100, default 10), and holds DescribeServices
 * to its limit of 10 services a call.
 *
 * <p>Running tasks ({@link #addTask}): ListTasks (filters {@code serviceName}, {@code startedBy},
 * {@code family}, {@code desiredStatus}; pages of up to 100, default 100) and DescribeTasks (at most 100 a
 * call, a MISSING failure for an unknown one). A service's {@code deployments} ({@link #deploymentJson})
 * follow UpdateService: a change of its network configuration makes the PRIMARY deployment ACTIVE and
 * starts a new PRIMARY one. That one's rollout COMPLETES at once (older deployments gone), unless the test
 * asked for rollouts to be held ({@link #holdRollouts}): then it stays IN_PROGRESS until the test
 * completes it ({@link #completeRollout}) or rolls it back as the deployment circuit breaker does
 * ({@link #rollBack}).
 */
public final class EcsStandIn extends JsonProtocolStandIn {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";
    /** The header {@link #client(String)} names its caller in. */
    public static final String CALLER_HEADER = "x-test-caller";

    private static final String PREFIX = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":";
    private static final Reply SERVICE_NOT_FOUND = Reply.error(400, "ServiceNotFoundException", "Service not found.");
    private static final Reply SERVICE_NOT_ACTIVE =
            Reply.error(400, "ServiceNotActiveException", "Service was not ACTIVE.");

    private final Clock clock;
    private final Map<String, JsonObject> services = new LinkedHashMap<>();
    private final Map<String, JsonObject> taskSets = new LinkedHashMap<>();
    private final Map<String, String> taskSetByClientToken = new HashMap<>();
    private final Map<String, JsonObject> inactiveTaskSets = new HashMap<>();
    private final Map<String, JsonObject> taskDefinitions = new LinkedHashMap<>();
    private final Map<String, JsonObject> tasks = new LinkedHashMap<>();
    /** The cluster name of each task, by ARN: ListTasks reads a cluster's tasks without opening every one. */
    private final Map<String, String> taskClusters = new HashMap<>();
    /** The names of the clusters that hold a service or a task; nothing is ever taken out of a cluster here. */
    private final java.util.Set<String> clusterNames = new java.util.HashSet<>();

    private long nextDeploymentNumber = 2_000_000_000_000_000_001L;
    private boolean holdRollouts;
    private final Map<String, Integer> describesUntilSteady = new HashMap<>();
    private Integer settleAfterDescribes;
    private final Map<String, Function<Call, Reply>> operations = new LinkedHashMap<>();
    private long nextTaskSetNumber = 1_000_000_000_000_000_001L;
    private volatile Consumer<Call> beforeEachCall = call -> {};

    public EcsStandIn(Clock clock) {
        super("ecs");
        this.clock = clock;
        operations.put("ListClusters", call -> listClusters(call.body()));
        operations.put("ListServices", call -> listServices(call.body()));
        operations.put("DescribeServices", call -> describeServices(call.body()));
        operations.put("DescribeTaskSets", call -> describeTaskSets(call.body()));
        operations.put("UpdateService", call -> updateService(call.body()));
        operations.put("CreateTaskSet", call -> createTaskSet(call.body()));
        operations.put("UpdateServicePrimaryTaskSet", call -> updatePrimary(call.body()));
        operations.put("DeleteTaskSet", call -> deleteTaskSet(call.body()));
        operations.put("DescribeTaskDefinition", modelCheckedAnswer(this::describeTaskDefinition));
        operations.put("ListTasks", modelCheckedAnswer(this::listTasks));
        operations.put("DescribeTasks", modelCheckedAnswer(this::describeTasks));
        operations.forEach((operation, answer) -> on(operation, call -> {
            beforeEachCall.accept(call);
            return errorInModel(operation, answer.apply(call));
        }));
    }

    /**
     * Runs before the stand-in acts on each call of its own operations (outside its lock, on the
     * server's thread): a test may block here to hold the call back.
     */
    public EcsStandIn beforeEachCall(Consumer<Call> hook) {
        this.beforeEachCall = hook;
        return this;
    }

    /** The caller a request came from, when it came from a {@link #client(String)}. */
    public static Optional<String> caller(Call call) {
        return call.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(CALLER_HEADER))
                .flatMap(header -> header.getValue().stream())
                .findFirst();
    }

    private Reply errorInModel(String operation, Reply reply) {
        if (reply.status() >= 400) {
            String type = JsonParser.parseString(reply.body())
                    .getAsJsonObject()
                    .get("__type")
                    .getAsString();
            if (!model().errors(operation).contains(type)) {
                violation(operation + " answered " + type + ", which the ECS API model does not list for it");
            }
        }
        return reply;
    }

    /**
     * The next call of the operation takes effect, but its caller gets this error instead of the answer,
     * as when a connection drops or an invocation dies after ECS acted.
     */
    public EcsStandIn loseNextAnswer(String operation, int status, String errorType) {
        once(operation, call -> {
            operations.get(operation).apply(call);
            return Reply.error(status, errorType, "the answer was lost");
        });
        return this;
    }

    /**
     * A real SDK client talking to this stand-in, its builder configured by {@code configuration} as the
     * code under test configures its own ({@code AwsClients::configure}).
     */
    public EcsClient client(UnaryOperator<EcsClientBuilder> configuration) {
        return StandInClients.client(EcsClient.builder(), configuration, endpoint());
    }

    /** A client like {@link #client(UnaryOperator)} whose every request names {@code caller} ({@link #caller}). */
    public EcsClient client(UnaryOperator<EcsClientBuilder> configuration, String caller) {
        return client(builder -> {
            EcsClientBuilder configured = configuration.apply(builder);
            // The header goes on top of the overrides the configuration set.
            return configured.overrideConfiguration(configured.overrideConfiguration().toBuilder()
                    .putHeader(CALLER_HEADER, caller)
                    .build());
        });
    }

    public static String clusterArn(String cluster) {
        return PREFIX + "cluster/" + cluster;
    }

    public static String serviceArn(String cluster, String service) {
        return PREFIX + "service/" + cluster + "/" + service;
    }

    public static String taskSetArn(String cluster, String service, String id) {
        return PREFIX + "task-set/" + cluster + "/" + service + "/" + id;
    }

    public static String taskArn(String cluster, String id) {
        return PREFIX + "task/" + cluster + "/" + id;
    }

    /**
     * A RUNNING Fargate task (ECS API shape) in awsvpc mode: one ElasticNetworkInterface attachment, ATTACHED,
     * naming its subnet and network interface.
     *
     * @param group {@code service:NAME} or {@code family:NAME}
     * @param startedBy a deployment or task-set id for a service's task, anything (or null) for a standalone one
     */
    public static JsonObject taskJson(
            String cluster, String id, String group, String startedBy, String subnetId, String networkInterfaceId) {
        JsonObject task = new JsonObject();
        task.addProperty("taskArn", taskArn(cluster, id));
        task.addProperty("clusterArn", clusterArn(cluster));
        String family = group.substring(group.indexOf(':') + 1);
        task.addProperty("taskDefinitionArn", PREFIX + "task-definition/" + family + ":3");
        task.addProperty("group", group);
        if (startedBy != null) {
            task.addProperty("startedBy", startedBy);
        }
        task.addProperty("lastStatus", "RUNNING");
        task.addProperty("desiredStatus", "RUNNING");
        task.addProperty("launchType", "FARGATE");
        task.addProperty("platformVersion", "1.4.0");
        task.addProperty("createdAt", 1.7636e9);
        JsonObject attachment = new JsonObject();
        attachment.addProperty(
                "id",
                UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString());
        attachment.addProperty("type", "ElasticNetworkInterface");
        attachment.addProperty("status", "ATTACHED");
        JsonArray details = new JsonArray();
        details.add(detail("subnetId", subnetId));
        details.add(detail("networkInterfaceId", networkInterfaceId));
        details.add(detail("privateIPv4Address", "10.0.0.10"));
        attachment.add("details", details);
        JsonArray attachments = new JsonArray();
        attachments.add(attachment);
        task.add("attachments", attachments);
        task.add("tags", new JsonArray());
        return task;
    }

    private static JsonObject detail(String name, String value) {
        JsonObject detail = new JsonObject();
        detail.addProperty("name", name);
        detail.addProperty("value", value);
        return detail;
    }

    /**
     * A deployment of a service (ECS API shape) with its own network configuration.
     *
     * @param status PRIMARY or ACTIVE (an older one still draining)
     * @param rolloutState COMPLETED, IN_PROGRESS or FAILED
     * @param assignPublicIp ENABLED or DISABLED
     */
    public static JsonObject deploymentJson(
            String id, String status, String rolloutState, String rolloutStateReason, String assignPublicIp) {
        JsonObject deployment = new JsonObject();
        deployment.addProperty("id", id);
        deployment.addProperty("status", status);
        deployment.addProperty("taskDefinition", PREFIX + "task-definition/web:3");
        deployment.addProperty("desiredCount", 2);
        deployment.addProperty("runningCount", 2);
        deployment.addProperty("pendingCount", 0);
        deployment.addProperty("failedTasks", 0);
        deployment.addProperty("createdAt", 1.7636e9);
        deployment.addProperty("updatedAt", 1.7636e9);
        deployment.addProperty("launchType", "FARGATE");
        deployment.add("networkConfiguration", awsvpc(assignPublicIp, List.of("subnet-a"), List.of("sg-1")));
        deployment.addProperty("rolloutState", rolloutState);
        if (rolloutStateReason != null) {
            deployment.addProperty("rolloutStateReason", rolloutStateReason);
        }
        return deployment;
    }

    /** An ACTIVE Fargate service (ECS API shape) with the given controller and no network configuration. */
    public static JsonObject serviceJson(String cluster, String name, String controller) {
        JsonObject service = new JsonObject();
        service.addProperty("serviceArn", serviceArn(cluster, name));
        service.addProperty("serviceName", name);
        service.addProperty("clusterArn", clusterArn(cluster));
        service.addProperty("status", "ACTIVE");
        service.addProperty("desiredCount", 2);
        service.addProperty("runningCount", 2);
        service.addProperty("pendingCount", 0);
        service.addProperty("launchType", "FARGATE");
        service.addProperty("taskDefinition", PREFIX + "task-definition/" + name + ":3");
        service.addProperty("schedulingStrategy", "REPLICA");
        JsonObject deploymentController = new JsonObject();
        deploymentController.addProperty("type", controller);
        service.add("deploymentController", deploymentController);
        service.add("tags", new JsonArray());
        return service;
    }

    /** A task set (ECS API shape) of a service, STEADY_STATE, scale 100 PERCENT, Fargate. */
    public static JsonObject taskSetJson(String cluster, String service, String id, String status) {
        JsonObject taskSet = new JsonObject();
        taskSet.addProperty("id", id);
        taskSet.addProperty("taskSetArn", taskSetArn(cluster, service, id));
        taskSet.addProperty("serviceArn", serviceArn(cluster, service));
        taskSet.addProperty("clusterArn", clusterArn(cluster));
        taskSet.addProperty("status", status);
        taskSet.addProperty("taskDefinition", PREFIX + "task-definition/" + service + ":7");
        taskSet.addProperty("computedDesiredCount", 2);
        taskSet.addProperty("runningCount", 2);
        taskSet.addProperty("pendingCount", 0);
        taskSet.addProperty("launchType", "FARGATE");
        taskSet.addProperty("platformVersion", "1.4.0");
        JsonObject scale = new JsonObject();
        scale.addProperty("value", 100.0);
        scale.addProperty("unit", "PERCENT");
        taskSet.add("scale", scale);
        taskSet.addProperty("stabilityStatus", "STEADY_STATE");
        taskSet.addProperty("createdAt", 1.7636e9);
        taskSet.add("tags", new JsonArray());
        return taskSet;
    }

    /** {@code {"awsvpcConfiguration": {...}}}; a null assignPublicIp leaves the field out. */
    public static JsonObject awsvpc(String assignPublicIp, List<String> subnets, List<String> securityGroups) {
        JsonObject awsvpc = new JsonObject();
        JsonArray subnetArray = new JsonArray();
        subnets.forEach(subnetArray::add);
        awsvpc.add("subnets", subnetArray);
        JsonArray groups = new JsonArray();
        securityGroups.forEach(groups::add);
        awsvpc.add("securityGroups", groups);
        if (assignPublicIp != null) {
            awsvpc.addProperty("assignPublicIp", assignPublicIp);
        }
        JsonObject network = new JsonObject();
        network.add("awsvpcConfiguration", awsvpc);
        return network;
    }

    public static JsonArray tags(String... keysAndValues) {
        JsonArray tags = new JsonArray();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            JsonObject tag = new JsonObject();
            tag.addProperty("key", keysAndValues[i]);
            tag.addProperty("value", keysAndValues[i + 1]);
            tags.add(tag);
        }
        return tags;
    }

    public synchronized EcsStandIn addService(JsonObject service) {
        services.put(service.get("serviceArn").getAsString(), service.deepCopy());
        clusterNames.add(clusterName(service.get("clusterArn").getAsString()));
        defaultTaskDefinition(service);
        return this;
    }

    public synchronized EcsStandIn addTaskSet(JsonObject taskSet) {
        taskSets.put(taskSet.get("taskSetArn").getAsString(), taskSet.deepCopy());
        defaultTaskDefinition(taskSet);
        return this;
    }

    /** A running task ({@link #taskJson}); it replaces one with the same ARN. */
    public synchronized EcsStandIn addTask(JsonObject task) {
        String cluster = clusterName(task.get("clusterArn").getAsString());
        tasks.put(task.get("taskArn").getAsString(), task.deepCopy());
        taskClusters.put(task.get("taskArn").getAsString(), cluster);
        clusterNames.add(cluster);
        return this;
    }

    /** The task stops: it is no longer listed among running tasks, and DescribeTasks answers it STOPPED. */
    public synchronized void stopTask(String taskArn) {
        JsonObject task = tasks.get(taskArn);
        task.addProperty("lastStatus", "STOPPED");
        task.addProperty("desiredStatus", "STOPPED");
    }

    /** Every running task a deployment or task set started ({@code startedBy}) stops. */
    public synchronized void stopTasksStartedBy(String startedBy) {
        tasks.values().stream()
                .filter(task -> task.has("startedBy")
                        && task.get("startedBy").getAsString().equals(startedBy))
                .forEach(task -> stopTask(task.get("taskArn").getAsString()));
    }

    /** Deployments UpdateService starts from now on stay IN_PROGRESS until {@link #completeRollout} or {@link #rollBack}. */
    public synchronized EcsStandIn holdRollouts() {
        holdRollouts = true;
        return this;
    }

    /** The service's PRIMARY deployment, as a copy; empty when it has none. */
    public synchronized Optional<JsonObject> primaryDeployment(String serviceArn) {
        return deployments(services.get(serviceArn)).stream()
                .filter(d -> d.get("status").getAsString().equals("PRIMARY"))
                .findFirst()
                .map(JsonObject::deepCopy);
    }

    /** The PRIMARY deployment's rollout COMPLETED; the older deployments are gone (INACTIVE). */
    public synchronized void completeRollout(String serviceArn) {
        JsonObject service = services.get(serviceArn);
        JsonArray kept = new JsonArray();
        for (JsonObject deployment : deployments(service)) {
            if (deployment.get("status").getAsString().equals("PRIMARY")) {
                deployment.addProperty("rolloutState", "COMPLETED");
                deployment.addProperty(
                        "rolloutStateReason",
                        "ECS deployment " + deployment.get("id").getAsString() + " completed.");
                kept.add(deployment);
            }
        }
        service.add("deployments", kept);
    }

    /**
     * The deployment circuit breaker gives up on the PRIMARY deployment: it is FAILED (ACTIVE, with
     * {@code reason} as its rolloutStateReason), and a new PRIMARY deployment IN_PROGRESS goes back to the
     * network configuration of the last deployment that COMPLETED, which the service takes again.
     */
    public synchronized void rollBack(String serviceArn, String reason) {
        JsonObject service = services.get(serviceArn);
        List<JsonObject> all = deployments(service);
        JsonObject failed = all.stream()
                .filter(d -> d.get("status").getAsString().equals("PRIMARY"))
                .findFirst()
                .orElseThrow();
        JsonObject lastGood = all.stream()
                .filter(d -> d != failed && d.get("rolloutState").getAsString().equals("COMPLETED"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no COMPLETED deployment to roll back to"));
        failed.addProperty("status", "ACTIVE");
        failed.addProperty("rolloutState", "FAILED");
        failed.addProperty("rolloutStateReason", reason);
        JsonObject rollback = lastGood.deepCopy();
        rollback.addProperty("id", "ecs-svc/" + nextDeploymentNumber++);
        rollback.addProperty("status", "PRIMARY");
        rollback.addProperty("rolloutState", "IN_PROGRESS");
        rollback.addProperty(
                "rolloutStateReason",
                "ECS deployment circuit breaker: rolling back to deployment "
                        + lastGood.get("id").getAsString() + ".");
        rollback.addProperty("createdAt", clock.instant().toEpochMilli() / 1000.0);
        JsonArray deployments = new JsonArray();
        deployments.add(rollback);
        deployments.add(failed);
        service.add("deployments", deployments);
        service.add("networkConfiguration", rollback.get("networkConfiguration").deepCopy());
    }

    private static List<JsonObject> deployments(JsonObject service) {
        List<JsonObject> result = new ArrayList<>();
        if (service.has("deployments")) {
            service.getAsJsonArray("deployments").forEach(d -> result.add(d.getAsJsonObject()));
        }
        return result;
    }

    /**
     * A task definition (ECS API shape, with {@code taskDefinitionArn}); it replaces the one registered
     * with that ARN. A service or task set added without its task definition gets
     * {@link #taskDefinitionJson} with one container pulling from this region's ECR.
     */
    public synchronized EcsStandIn addTaskDefinition(JsonObject taskDefinition) {
        taskDefinitions.put(taskDefinition.get("taskDefinitionArn").getAsString(), taskDefinition.deepCopy());
        return this;
    }

    /** A Fargate task definition with these containers ({@link #container}). */
    public static JsonObject taskDefinitionJson(String arn, JsonObject... containers) {
        String familyAndRevision = arn.substring(arn.indexOf("task-definition/") + "task-definition/".length());
        JsonObject definition = new JsonObject();
        definition.addProperty("taskDefinitionArn", arn);
        definition.addProperty("family", familyAndRevision.split(":")[0]);
        definition.addProperty("revision", Integer.parseInt(familyAndRevision.split(":")[1]));
        definition.addProperty("networkMode", "awsvpc");
        definition.addProperty("status", "ACTIVE");
        definition.addProperty("executionRoleArn", "arn:aws:iam::" + ACCOUNT + ":role/ecsTaskExecutionRole");
        JsonArray requires = new JsonArray();
        requires.add("FARGATE");
        definition.add("requiresCompatibilities", requires);
        definition.addProperty("cpu", "256");
        definition.addProperty("memory", "512");
        JsonArray list = new JsonArray();
        for (JsonObject container : containers) {
            list.add(container);
        }
        definition.add("containerDefinitions", list);
        return definition;
    }

    /** A container definition with a name and an image; tests add logConfiguration, secrets and so on. */
    public static JsonObject container(String name, String image) {
        JsonObject container = new JsonObject();
        container.addProperty("name", name);
        container.addProperty("image", image);
        container.addProperty("essential", true);
        return container;
    }

    public static String ecrImage(String repository) {
        return ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/" + repository + ":latest";
    }

    private void defaultTaskDefinition(JsonObject resource) {
        if (resource.has("taskDefinition")) {
            String arn = resource.get("taskDefinition").getAsString();
            taskDefinitions.computeIfAbsent(
                    arn,
                    key -> taskDefinitionJson(
                            key,
                            container(
                                    "app",
                                    ecrImage(key.substring(key.indexOf("task-definition/") + 16)
                                            .split(":")[0]))));
        }
    }

    /** The current state of a service, as a copy. */
    public synchronized JsonObject service(String arn) {
        return services.get(arn).deepCopy();
    }

    /** The current state of a task set, as a copy; empty once it is gone. */
    public synchronized Optional<JsonObject> taskSet(String arn) {
        return Optional.ofNullable(taskSets.get(arn)).map(JsonObject::deepCopy);
    }

    /** The service's task sets, in creation order, as copies. */
    public synchronized List<JsonObject> taskSetsOf(String serviceArn) {
        List<JsonObject> result = new ArrayList<>();
        taskSets.values().stream()
                .filter(t -> t.get("serviceArn").getAsString().equals(serviceArn))
                .forEach(t -> result.add(t.deepCopy()));
        return result;
    }

    public synchronized void markSteady(String taskSetArn) {
        JsonObject taskSet = taskSets.get(taskSetArn);
        taskSet.addProperty("stabilityStatus", "STEADY_STATE");
        taskSet.addProperty("runningCount", taskSet.get("computedDesiredCount").getAsInt());
    }

    /**
     * Task sets created from now on become STEADY_STATE, all tasks running, once DescribeTaskSets has
     * returned them this many times; 0 makes them steady already in CreateTaskSet's answer.
     */
    public synchronized EcsStandIn settleAfterDescribes(int describes) {
        settleAfterDescribes = describes;
        return this;
    }

    /** Sets what ECS reports about a task set's stability and running tasks. */
    public synchronized void reportStability(String taskSetArn, String stabilityStatus, int runningCount) {
        JsonObject taskSet = taskSets.get(taskSetArn);
        taskSet.addProperty("stabilityStatus", stabilityStatus);
        taskSet.addProperty("runningCount", runningCount);
    }

    /** A draining task set finishes draining and disappears (INACTIVE). */
    public synchronized void finishDraining(String taskSetArn) {
        JsonObject gone = taskSets.remove(taskSetArn);
        gone.addProperty("status", "INACTIVE");
        inactiveTaskSets.put(taskSetArn, gone);
    }

    private synchronized Reply listClusters(JsonObject body) {
        List<JsonPrimitive> clusters =
                clusterArns().stream().map(JsonPrimitive::new).toList();
        return listPage(body, clusters, 100, "clusterArns");
    }

    /** The clusters of the services and tasks it holds. */
    private List<String> clusterArns() {
        return java.util.stream.Stream.concat(services.values().stream(), tasks.values().stream())
                .map(resource -> resource.get("clusterArn").getAsString())
                .distinct()
                .toList();
    }

    private boolean hasCluster(String cluster) {
        return clusterNames.contains(cluster);
    }

    private synchronized Object listTasks(JsonObject body) {
        String cluster = clusterName(text(body, "cluster").orElse("default"));
        if (!hasCluster(cluster)) {
            return Reply.error(400, "ClusterNotFoundException", "Cluster not found.");
        }
        if (body.has("startedBy") && (body.has("serviceName") || body.has("family"))) {
            violation("ListTasks with startedBy and another filter (startedBy must be the only filter)");
            return Reply.error(400, "InvalidParameterException", "startedBy must be the only filter.");
        }
        String desired = text(body, "desiredStatus").orElse("RUNNING");
        List<JsonPrimitive> arns = tasks.entrySet().stream()
                .filter(entry -> taskClusters.get(entry.getKey()).equals(cluster))
                .map(Map.Entry::getValue)
                .filter(task -> task.get("desiredStatus").getAsString().equals(desired))
                .filter(task -> text(body, "serviceName")
                        .map(name -> task.get("group").getAsString().equals("service:" + name))
                        .orElse(true))
                .filter(task -> text(body, "family")
                        .map(family ->
                                task.get("taskDefinitionArn").getAsString().contains("task-definition/" + family + ":"))
                        .orElse(true))
                .filter(task -> text(body, "startedBy")
                        .map(by -> task.has("startedBy")
                                && task.get("startedBy").getAsString().equals(by))
                        .orElse(true))
                .map(task -> new JsonPrimitive(task.get("taskArn").getAsString()))
                .toList();
        Reply page = listPage(body, arns, 100, "taskArns");
        return page.status() == 200 ? JsonParser.parseString(page.body()).getAsJsonObject() : page;
    }

    private synchronized Object describeTasks(JsonObject body) {
        JsonArray requested = body.getAsJsonArray("tasks");
        String cluster = clusterName(text(body, "cluster").orElse("default"));
        Optional<Reply> refused = describeRefusal("DescribeTasks", requested, 100, "Tasks", cluster);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean tags = includesTags(body);
        JsonArray found = new JsonArray();
        JsonArray failures = new JsonArray();
        for (JsonElement element : requested) {
            String idOrArn = element.getAsString();
            String arn = idOrArn.startsWith("arn:") ? idOrArn : taskArn(cluster, idOrArn);
            JsonObject task = tasks.get(arn);
            if (task == null) {
                failures.add(failure(arn, "MISSING"));
            } else {
                found.add(withoutTags(task, tags));
            }
        }
        JsonObject response = new JsonObject();
        response.add("tasks", found);
        response.add("failures", failures);
        return response;
    }

    /** What ECS answers a Describe* of more than {@code max} or in a cluster it does not have; empty otherwise. */
    private Optional<Reply> describeRefusal(
            String operation, JsonArray requested, int max, String noun, String cluster) {
        if (requested.size() > max) {
            violation(operation + " with " + requested.size() + " " + noun.toLowerCase(java.util.Locale.ROOT)
                    + " (ECS takes " + max + ")");
            return Optional.of(
                    Reply.error(400, "InvalidParameterException", noun + " cannot be more than " + max + "."));
        }
        if (!hasCluster(cluster)) {
            return Optional.of(Reply.error(400, "ClusterNotFoundException", "Cluster not found."));
        }
        return Optional.empty();
    }

    private synchronized Reply listServices(JsonObject body) {
        String cluster = clusterName(text(body, "cluster").orElse("default"));
        List<JsonPrimitive> arns = services.values().stream()
                .filter(service ->
                        clusterName(service.get("clusterArn").getAsString()).equals(cluster))
                .map(service -> new JsonPrimitive(service.get("serviceArn").getAsString()))
                .toList();
        if (!hasCluster(cluster)) {
            return Reply.error(400, "ClusterNotFoundException", "Cluster not found.");
        }
        return listPage(body, arns, 10, "serviceArns");
    }

    /** A List* page: {@code maxResults} 1 to 100 (default {@code defaultSize}), {@code nextToken} ours. */
    private Reply listPage(JsonObject body, List<JsonPrimitive> all, int defaultSize, String member) {
        int size = body.has("maxResults") ? body.get("maxResults").getAsInt() : defaultSize;
        if (size < 1 || size > 100) {
            violation("maxResults " + size + " (ECS takes 1 to 100)");
            return Reply.error(400, "InvalidParameterException", "maxResults must be between 1 and 100");
        }
        int start = text(body, "nextToken")
                .map(token -> Integer.parseInt(token.substring("page-".length())))
                .orElse(0);
        return Reply.ok(page(all, start, size, member, "nextToken", "page-"));
    }

    private synchronized Reply describeServices(JsonObject body) {
        String cluster = clusterName(text(body, "cluster").orElse("default"));
        Optional<Reply> refused =
                describeRefusal("DescribeServices", body.getAsJsonArray("services"), 10, "Services", cluster);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean tags = includesTags(body);
        JsonArray found = new JsonArray();
        JsonArray failures = new JsonArray();
        for (JsonElement requested : body.getAsJsonArray("services")) {
            String arn = serviceArnOf(cluster, requested.getAsString());
            JsonObject service = services.get(arn);
            if (service == null) {
                failures.add(failure(arn, "MISSING"));
                continue;
            }
            JsonObject copy = withoutTags(service, tags);
            String controller = controller(service);
            if (!controller.equals("ECS")) {
                JsonArray sets = new JsonArray();
                taskSetsOf(arn).forEach(t -> sets.add(withoutTags(t, false)));
                copy.add("taskSets", sets);
            }
            found.add(copy);
        }
        return described("services", found, failures);
    }

    private synchronized Reply describeTaskSets(JsonObject body) {
        JsonObject service = requestedService(body);
        if (service == null) {
            return SERVICE_NOT_FOUND;
        }
        if (controller(service).equals("ECS")) {
            return Reply.error(
                    400,
                    "InvalidParameterException",
                    "Amazon ECS only supports task set management on services configured to use external deployment controllers.");
        }
        String serviceArn = service.get("serviceArn").getAsString();
        boolean tags = includesTags(body);
        JsonArray found = new JsonArray();
        JsonArray failures = new JsonArray();
        if (!body.has("taskSets")) {
            taskSetsOf(serviceArn).forEach(t -> settleIfDue(t.get("taskSetArn").getAsString(), 1));
            taskSetsOf(serviceArn).forEach(t -> found.add(withoutTags(t, tags)));
        } else {
            for (JsonElement requested : body.getAsJsonArray("taskSets")) {
                Optional<JsonObject> taskSet = findTaskSet(serviceArn, requested.getAsString());
                if (taskSet.isPresent()) {
                    settleIfDue(taskSet.get().get("taskSetArn").getAsString(), 1);
                    found.add(withoutTags(taskSet.get(), tags));
                } else {
                    failures.add(failure(requested.getAsString(), "MISSING"));
                }
            }
        }
        return described("taskSets", found, failures);
    }

    /** Counts a describe of a task set that settles by itself; makes it steady when its count is reached. */
    private void settleIfDue(String taskSetArn, int describes) {
        Integer left = describesUntilSteady.get(taskSetArn);
        if (left == null) {
            return;
        }
        left -= describes;
        describesUntilSteady.put(taskSetArn, left);
        if (left <= 0) {
            describesUntilSteady.remove(taskSetArn);
            markSteady(taskSetArn);
        }
    }

    /** By ARN, family:revision, or family (its latest revision), as ECS accepts. */
    private synchronized Object describeTaskDefinition(JsonObject body) {
        String requested = body.get("taskDefinition").getAsString();
        JsonObject found = null;
        for (JsonObject definition : taskDefinitions.values()) {
            String arn = definition.get("taskDefinitionArn").getAsString();
            boolean matches = arn.equals(requested)
                    || arn.endsWith("task-definition/" + requested)
                    || definition.get("family").getAsString().equals(requested);
            if (matches
                    && (found == null
                            || definition.get("revision").getAsInt()
                                    > found.get("revision").getAsInt())) {
                found = definition;
            }
        }
        if (found == null) {
            return Reply.error(400, "ClientException", "Unable to describe task definition.");
        }
        JsonObject response = new JsonObject();
        response.add("taskDefinition", found.deepCopy());
        return response;
    }

    private synchronized Reply updateService(JsonObject body) {
        JsonObject service = requestedService(body);
        if (service == null || !service.get("status").getAsString().equals("ACTIVE")) {
            return service == null ? SERVICE_NOT_FOUND : SERVICE_NOT_ACTIVE;
        }
        if (body.has("networkConfiguration")) {
            if (!controller(service).equals("ECS")) {
                return Reply.error(
                        400,
                        "InvalidParameterException",
                        "Unable to update network parameters on services" + " with a " + controller(service)
                                + " deployment controller.");
            }
            service.add("networkConfiguration", body.get("networkConfiguration").deepCopy());
            startDeployment(service);
        }
        JsonObject response = new JsonObject();
        response.add("service", withoutTags(service, false));
        return Reply.ok(response);
    }

    /** A new PRIMARY deployment of the service's configuration, IN_PROGRESS; the PRIMARY one before it drains. */
    private void startDeployment(JsonObject service) {
        List<JsonObject> before = deployments(service);
        JsonArray deployments = new JsonArray();
        JsonObject started = deploymentJson(
                "ecs-svc/" + nextDeploymentNumber++,
                "PRIMARY",
                "IN_PROGRESS",
                "ECS deployment in progress.",
                "DISABLED");
        started.add("networkConfiguration", service.get("networkConfiguration").deepCopy());
        started.addProperty("taskDefinition", service.get("taskDefinition").getAsString());
        started.addProperty("runningCount", 0);
        started.addProperty("createdAt", clock.instant().toEpochMilli() / 1000.0);
        deployments.add(started);
        for (JsonObject deployment : before) {
            deployment.addProperty("status", "ACTIVE");
            deployments.add(deployment);
        }
        service.add("deployments", deployments);
        if (!holdRollouts) {
            completeRollout(service.get("serviceArn").getAsString());
        }
    }

    private synchronized Reply createTaskSet(JsonObject body) {
        JsonObject service = requestedService(body);
        if (service == null || !service.get("status").getAsString().equals("ACTIVE")) {
            return service == null ? SERVICE_NOT_FOUND : SERVICE_NOT_ACTIVE;
        }
        String cluster = clusterName(body.get("cluster").getAsString());
        if (!controller(service).equals("EXTERNAL")) {
            return Reply.error(
                    400, "InvalidParameterException", "CreateTaskSet needs an EXTERNAL deployment controller.");
        }
        if (body.has("launchType") && body.has("capacityProviderStrategy")) {
            return Reply.error(
                    400,
                    "InvalidParameterException",
                    "Specifying both a launch type and capacity provider strategy is not supported.");
        }
        for (JsonElement tag : body.has("tags") ? body.getAsJsonArray("tags") : new JsonArray()) {
            if (tag.getAsJsonObject()
                    .get("key")
                    .getAsString()
                    .toLowerCase(java.util.Locale.ROOT)
                    .startsWith("aws:")) {
                return Reply.error(400, "InvalidParameterException", "Tag keys may not start with aws:.");
            }
        }
        String token = text(body, "clientToken").orElse(null);
        if (token != null && taskSetByClientToken.containsKey(token)) {
            String arn = taskSetByClientToken.get(token);
            JsonObject response = new JsonObject();
            response.add("taskSet", withoutTags(taskSets.getOrDefault(arn, inactiveTaskSets.get(arn)), false));
            return Reply.ok(response);
        }
        String serviceName = service.get("serviceName").getAsString();
        String id = "ecs-svc/" + nextTaskSetNumber++;
        JsonObject taskSet = new JsonObject();
        taskSet.addProperty("id", id);
        taskSet.addProperty("taskSetArn", taskSetArn(cluster, serviceName, id));
        taskSet.addProperty("serviceArn", service.get("serviceArn").getAsString());
        taskSet.addProperty("clusterArn", clusterArn(cluster));
        taskSet.addProperty("status", "ACTIVE");
        for (String copied : List.of(
                "taskDefinition",
                "externalId",
                "networkConfiguration",
                "loadBalancers",
                "serviceRegistries",
                "launchType",
                "capacityProviderStrategy",
                "platformVersion",
                "scale",
                "tags")) {
            if (body.has(copied)) {
                taskSet.add(copied, body.get(copied).deepCopy());
            }
        }
        double percent =
                body.has("scale") ? body.getAsJsonObject("scale").get("value").getAsDouble() : 100.0;
        taskSet.addProperty("computedDesiredCount", (int)
                Math.ceil(service.get("desiredCount").getAsInt() * percent / 100.0));
        taskSet.addProperty("runningCount", 0);
        taskSet.addProperty("pendingCount", 0);
        taskSet.addProperty("stabilityStatus", "STABILIZING");
        taskSet.addProperty("createdAt", clock.instant().toEpochMilli() / 1000.0);
        taskSets.put(taskSet.get("taskSetArn").getAsString(), taskSet);
        if (settleAfterDescribes != null) {
            describesUntilSteady.put(taskSet.get("taskSetArn").getAsString(), settleAfterDescribes);
            settleIfDue(taskSet.get("taskSetArn").getAsString(), 0);
        }
        if (token != null) {
            taskSetByClientToken.put(token, taskSet.get("taskSetArn").getAsString());
        }
        JsonObject response = new JsonObject();
        response.add("taskSet", withoutTags(taskSet, false));
        return Reply.ok(response);
    }

    private synchronized Reply updatePrimary(JsonObject body) {
        JsonObject service = requestedService(body);
        if (service == null) {
            return SERVICE_NOT_FOUND;
        }
        String serviceArn = service.get("serviceArn").getAsString();
        Optional<JsonObject> primary =
                findTaskSet(serviceArn, body.get("primaryTaskSet").getAsString());
        if (primary.isEmpty() || primary.get().get("status").getAsString().equals("DRAINING")) {
            return Reply.error(400, "TaskSetNotFoundException", "The specified task set does not exist.");
        }
        for (JsonObject taskSet : taskSets.values()) {
            if (taskSet.get("serviceArn").getAsString().equals(serviceArn)
                    && taskSet.get("status").getAsString().equals("PRIMARY")) {
                taskSet.addProperty("status", "ACTIVE");
            }
        }
        primary.get().addProperty("status", "PRIMARY");
        JsonObject response = new JsonObject();
        response.add("taskSet", withoutTags(primary.get(), false));
        return Reply.ok(response);
    }

    private synchronized Reply deleteTaskSet(JsonObject body) {
        JsonObject service = requestedService(body);
        if (service == null) {
            return SERVICE_NOT_FOUND;
        }
        Optional<JsonObject> taskSet = findTaskSet(
                service.get("serviceArn").getAsString(), body.get("taskSet").getAsString());
        if (taskSet.isEmpty()) {
            return Reply.error(400, "TaskSetNotFoundException", "The specified task set does not exist.");
        }
        if (taskSet.get().get("status").getAsString().equals("PRIMARY")) {
            return Reply.error(400, "InvalidParameterException", "The primary task set cannot be deleted.");
        }
        boolean force = body.has("force") && body.get("force").getAsBoolean();
        if (!force && taskSet.get().getAsJsonObject("scale").get("value").getAsDouble() > 0) {
            return Reply.error(400, "InvalidParameterException", "The task set has not been scaled down to zero.");
        }
        taskSet.get().addProperty("status", "DRAINING");
        JsonObject response = new JsonObject();
        response.add("taskSet", withoutTags(taskSet.get(), false));
        return Reply.ok(response);
    }

    /** The service a request names (its cluster and service, each a name or an ARN); null if there is none. */
    private JsonObject requestedService(JsonObject body) {
        String cluster = clusterName(text(body, "cluster").orElse("default"));
        return services.get(serviceArnOf(cluster, body.get("service").getAsString()));
    }

    private Optional<JsonObject> findTaskSet(String serviceArn, String idOrArn) {
        return taskSets.values().stream()
                .filter(t -> t.get("serviceArn").getAsString().equals(serviceArn))
                .filter(t -> t.get("id").getAsString().equals(idOrArn)
                        || t.get("taskSetArn").getAsString().equals(idOrArn))
                .findFirst();
    }

    private static String controller(JsonObject service) {
        return service.has("deploymentController")
                ? service.getAsJsonObject("deploymentController").get("type").getAsString()
                : "ECS";
    }

    private static String serviceArnOf(String cluster, String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : serviceArn(cluster, nameOrArn);
    }

    private static String clusterName(String nameOrArn) {
        return nameOrArn.startsWith("arn:")
                ? nameOrArn.substring(nameOrArn.indexOf("cluster/") + "cluster/".length())
                : nameOrArn;
    }

    private static boolean includesTags(JsonObject body) {
        return body.has("include") && body.getAsJsonArray("include").toString().contains("\"TAGS\"");
    }

    private static JsonObject withoutTags(JsonObject resource, boolean keepTags) {
        JsonObject copy = resource.deepCopy();
        if (!keepTags) {
            copy.remove("tags");
        }
        return copy;
    }

    /** A Describe* answer: what was found, and a failure for each thing that was not. */
    private static Reply described(String member, JsonArray found, JsonArray failures) {
        JsonObject response = new JsonObject();
        response.add(member, found);
        response.add("failures", failures);
        return Reply.ok(response);
    }

    private static JsonObject failure(String arn, String reason) {
        JsonObject failure = new JsonObject();
        failure.addProperty("arn", arn);
        failure.addProperty("reason", reason);
        return failure;
    }

    private static Optional<String> text(JsonObject body, String name) {
        return body.has(name) ? Optional.of(body.get(name).getAsString()) : Optional.empty();
    }
}
