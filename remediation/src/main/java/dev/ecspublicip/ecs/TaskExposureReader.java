package dev.ecspublicip.ecs;

import dev.ecspublicip.resource.EcsArn;
import dev.ecspublicip.resource.RunningTask;
import dev.ecspublicip.resource.TaskDeployment;
import dev.ecspublicip.resource.TaskInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceIpv6Address;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * Reads running tasks into the model ({@link RunningTask}): ListTasks, DescribeTasks 100 at a time with
 * tags, DescribeNetworkInterfaces by id for their awsvpc attachments (one call per DescribeTasks batch),
 * and, for interfaces holding IPv6 addresses, the route tables of their subnets (DescribeRouteTables by
 * association, else the VPC's main table). Every list is read with the SDK's paginators.
 *
 * <p>Fails closed: a task ECS cannot describe (other than stopped and gone since it was listed), or an
 * interface EC2 does not describe, fails the read with {@link IllegalStateException}; nothing is left out
 * of a clean answer. Thread-safe: the route-table answers are shared by every caller.
 */
public final class TaskExposureReader {
    /** DescribeTasks takes at most 100 tasks per call. */
    public static final int DESCRIBE_TASKS_MAX = 100;
    /** ListTasks' largest page. */
    public static final int LIST_TASKS_MAX = 100;

    private static final String ENI_ATTACHMENT = "ElasticNetworkInterface";
    private static final String IPV6_DEFAULT = "::/0";

    private final EcsClient ecs;
    private final Ec2Client ec2;
    private final Map<String, Optional<String>> ipv6RouteBySubnet = new ConcurrentHashMap<>();

    public TaskExposureReader(EcsClient ecs, Ec2Client ec2) {
        this.ecs = ecs;
        this.ec2 = ec2;
    }

    /** The ARNs of the running tasks of a cluster, or of one service in it. */
    public List<String> runningTaskArns(String cluster, Optional<String> serviceName) {
        List<String> arns = new ArrayList<>();
        ecs.listTasksPaginator(request -> {
                    request.cluster(cluster).maxResults(LIST_TASKS_MAX);
                    serviceName.ifPresent(request::serviceName);
                })
                .taskArns()
                .forEach(arns::add);
        return arns;
    }

    /** DescribeTasks (with tags) for at most 100 tasks; a task stopped and gone since it was listed is left out. */
    public List<Task> describe(String cluster, List<String> taskArns) {
        if (taskArns.isEmpty()) {
            return List.of();
        }
        DescribeTasksResponse described = ecs.describeTasks(
                request -> request.cluster(cluster).tasks(taskArns).include(TaskField.TAGS));
        for (Failure failure : described.failures()) {
            if (!"MISSING".equals(failure.reason())) {
                throw new IllegalStateException("DescribeTasks in cluster '" + cluster + "' could not read "
                        + failure.arn() + ": " + failure.reason()
                        + (failure.detail() == null ? "" : " (" + failure.detail() + ")"));
            }
        }
        return described.tasks();
    }

    /** The network interfaces of these tasks' awsvpc attachments, by id, with their IPv6 routes resolved. */
    public Map<String, TaskInterface> interfaces(List<Task> tasks) {
        List<String> ids = new ArrayList<>();
        for (Task task : tasks) {
            ids.addAll(networkInterfaceIds(task));
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<NetworkInterface> found = new ArrayList<>();
        ec2.describeNetworkInterfacesPaginator(request -> request.networkInterfaceIds(ids))
                .networkInterfaces()
                .forEach(found::add);
        Map<String, String> vpcBySubnet = new LinkedHashMap<>();
        for (NetworkInterface eni : found) {
            if (eni.hasIpv6Addresses() && !eni.ipv6Addresses().isEmpty()) {
                vpcBySubnet.put(eni.subnetId(), eni.vpcId());
            }
        }
        resolveIpv6Routes(vpcBySubnet);
        Map<String, TaskInterface> byId = new HashMap<>();
        for (NetworkInterface eni : found) {
            List<String> ipv6 = eni.hasIpv6Addresses()
                    ? eni.ipv6Addresses().stream()
                            .map(NetworkInterfaceIpv6Address::ipv6Address)
                            .toList()
                    : List.of();
            byId.put(
                    eni.networkInterfaceId(),
                    new TaskInterface(
                            eni.networkInterfaceId(),
                            eni.subnetId(),
                            Optional.ofNullable(eni.association()).map(a -> a.publicIp()),
                            ipv6,
                            ipv6.isEmpty()
                                    ? Optional.empty()
                                    : ipv6RouteBySubnet.getOrDefault(eni.subnetId(), Optional.empty())));
        }
        for (String id : ids) {
            if (!byId.containsKey(id)) {
                throw new IllegalStateException("EC2 does not describe network interface " + id + " of a running task");
            }
        }
        return byId;
    }

    /**
     * The task in the model. {@code service} is its service as DescribeServices answered it (its
     * deployments and task sets), empty for a standalone task or one whose service was not read.
     */
    public static RunningTask of(Task task, Map<String, TaskInterface> interfaces, Optional<Service> service) {
        List<TaskInterface> own = new ArrayList<>();
        for (String id : networkInterfaceIds(task)) {
            TaskInterface eni = interfaces.get(id);
            if (eni == null) {
                throw new IllegalStateException(
                        "network interface " + id + " of task " + task.taskArn() + " was not read");
            }
            own.add(eni);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (task.hasTags()) {
            for (Tag tag : task.tags()) {
                tags.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return new RunningTask(
                task.taskArn(),
                task.group() == null ? "" : task.group(),
                Optional.ofNullable(task.startedBy()),
                serviceName(task)
                        .flatMap(name ->
                                EcsArn.plannedService(Optional.empty(), Optional.ofNullable(task.clusterArn()), name))
                        .map(EcsArn::format),
                deployment(task, service),
                own,
                tags);
    }

    /** The service a task's group names ({@code service:NAME}), if any. */
    public static Optional<String> serviceName(Task task) {
        String group = task.group();
        return group != null && group.startsWith("service:")
                ? Optional.of(group.substring("service:".length()))
                : Optional.empty();
    }

    private static TaskDeployment deployment(Task task, Optional<Service> service) {
        if (serviceName(task).isEmpty()) {
            return TaskDeployment.STANDALONE;
        }
        Optional<String> startedBy = Optional.ofNullable(task.startedBy());
        if (service.isPresent() && startedBy.isPresent()) {
            String id = startedBy.get();
            Optional<String> status = service.get().deployments().stream()
                    .filter(d -> id.equals(d.id()))
                    .map(d -> d.status())
                    .findFirst()
                    .or(() -> service.get().taskSets().stream()
                            .filter(t -> id.equals(t.id()))
                            .map(t -> t.status())
                            .findFirst());
            if (status.isPresent()) {
                return new TaskDeployment(
                        "PRIMARY".equals(status.get()) ? TaskDeployment.Role.PRIMARY : TaskDeployment.Role.OLDER,
                        startedBy,
                        status);
            }
        }
        return new TaskDeployment(TaskDeployment.Role.UNLISTED, startedBy, Optional.empty());
    }

    private static List<String> networkInterfaceIds(Task task) {
        List<String> ids = new ArrayList<>();
        if (!task.hasAttachments()) {
            return ids;
        }
        for (Attachment attachment : task.attachments()) {
            if (ENI_ATTACHMENT.equals(attachment.type()) && attachment.hasDetails()) {
                attachment.details().stream()
                        .filter(d -> "networkInterfaceId".equals(d.name()) && d.value() != null)
                        .map(KeyValuePair::value)
                        .forEach(ids::add);
            }
        }
        return ids;
    }

    /**
     * For each subnet not yet known: its explicitly associated route table, else its VPC's main one, and
     * whether that sends {@code ::/0} to an internet gateway (igw-) rather than an egress-only one.
     */
    private void resolveIpv6Routes(Map<String, String> vpcBySubnet) {
        List<String> unknown = vpcBySubnet.keySet().stream()
                .filter(subnet -> !ipv6RouteBySubnet.containsKey(subnet))
                .toList();
        if (unknown.isEmpty()) {
            return;
        }
        Map<String, RouteTable> bySubnet = new HashMap<>();
        ec2.describeRouteTablesPaginator(request -> request.filters(Filter.builder()
                        .name("association.subnet-id")
                        .values(unknown)
                        .build()))
                .routeTables()
                .forEach(table -> table.associations().stream()
                        .filter(a -> a.subnetId() != null && unknown.contains(a.subnetId()))
                        .forEach(a -> bySubnet.put(a.subnetId(), table)));
        Set<String> vpcsWithoutExplicit = new LinkedHashSet<>();
        for (String subnet : unknown) {
            if (!bySubnet.containsKey(subnet)) {
                vpcsWithoutExplicit.add(vpcBySubnet.get(subnet));
            }
        }
        Map<String, RouteTable> mainByVpc = new HashMap<>();
        if (!vpcsWithoutExplicit.isEmpty()) {
            ec2.describeRouteTablesPaginator(request -> request.filters(
                            Filter.builder()
                                    .name("vpc-id")
                                    .values(vpcsWithoutExplicit)
                                    .build(),
                            Filter.builder()
                                    .name("association.main")
                                    .values("true")
                                    .build()))
                    .routeTables()
                    .forEach(table -> mainByVpc.put(table.vpcId(), table));
        }
        for (String subnet : unknown) {
            RouteTable table = bySubnet.getOrDefault(subnet, mainByVpc.get(vpcBySubnet.get(subnet)));
            if (table == null) {
                throw new IllegalStateException("EC2 describes no route table for subnet " + subnet);
            }
            ipv6RouteBySubnet.put(subnet, internetRoute(table));
        }
    }

    private static Optional<String> internetRoute(RouteTable table) {
        for (Route route : table.routes()) {
            if (IPV6_DEFAULT.equals(route.destinationIpv6CidrBlock())
                    && route.gatewayId() != null
                    && route.gatewayId().startsWith("igw-")
                    && !"blackhole".equals(route.stateAsString())) {
                return Optional.of(table.routeTableId() + " routes ::/0 to " + route.gatewayId());
            }
        }
        return Optional.empty();
    }
}
