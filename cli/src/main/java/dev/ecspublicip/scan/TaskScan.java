package dev.ecspublicip.scan;

import dev.ecspublicip.ecs.TaskExposureReader;
import dev.ecspublicip.resource.RunningTask;
import dev.ecspublicip.resource.TaskInterface;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * {@code scan --tasks}: every running task of the clusters in scope with the addresses its network
 * interfaces hold. The calls form one graph per ListTasks page: ListTasks (100 a page, pages one after
 * another) → DescribeTasks of that page → DescribeNetworkInterfaces of its interfaces (then the route
 * tables of IPv6 subnets not seen yet) and, at the same time, DescribeServices (10 a call) for the services
 * its tasks belong to and not yet asked for. Clusters and pages run concurrently, at most
 * {@link #IN_FLIGHT} ECS calls and as many EC2 calls at once: the two services throttle apart, and a page's
 * DescribeNetworkInterfaces and DescribeServices then run side by side even when every cluster reaches
 * them at once. ECS and EC2 throttling is retried by the SDK (the clients' retry
 * strategy, {@code AwsClients}: 6 attempts, backoff with jitter).
 *
 * <p>A task or interface that cannot be read fails the whole scan ({@link IllegalStateException} or the
 * SDK's exception): the first failure is thrown once the calls in flight have ended.
 */
public final class TaskScan {
    /** Calls in flight at once to each service (ECS, EC2). */
    public static final int IN_FLIGHT = 20;

    /** The JDK's setting of how many idle connections its HTTP client keeps per endpoint (5 unless set). */
    static final String KEPT_CONNECTIONS = "http.maxConnections";

    /**
     * Lets the JDK's HTTP client, which the SDK's {@code UrlConnectionHttpClient} uses, keep {@link #IN_FLIGHT}
     * idle connections per endpoint instead of its default 5, unless the user set {@code http.maxConnections}:
     * otherwise, of {@link #IN_FLIGHT} calls answered at once, all but 5 close their connection, and the next
     * calls open new ones (a TLS handshake each, against AWS). The JDK reads the setting once, when the first
     * answer's connection is put back, so this must run before the process's first AWS call.
     */
    public static void keepConnections() {
        if (System.getProperty(KEPT_CONNECTIONS) == null) {
            System.setProperty(KEPT_CONNECTIONS, String.valueOf(IN_FLIGHT));
        }
    }

    private final EcsClient ecs;
    private final TaskExposureReader reader;
    private final int inFlight;

    public TaskScan(EcsClient ecs, Ec2Client ec2, int inFlight) {
        this.ecs = ecs;
        this.reader = new TaskExposureReader(ecs, ec2);
        this.inFlight = inFlight;
    }

    /**
     * Hands every running task to {@code onTask} (one at a time, in no set order) and answers how many were read.
     *
     * @param clusters names or ARNs; empty means every cluster ListClusters gives
     */
    public int scan(List<String> clusters, Consumer<RunningTask> onTask) {
        ExecutorService ecsCalls = pool("task-scan-ecs");
        ExecutorService ec2Calls = pool("task-scan-ec2");
        try {
            List<String> targets = clusters.isEmpty() ? allClusters() : clusters;
            List<CompletableFuture<Integer>> clusterScans = new ArrayList<>();
            for (String cluster : targets) {
                // run() lists the pages, so it runs on a pool thread: composed on a future already done, it
                // would run on this one, and the clusters after it would wait for its ListTasks.
                clusterScans.add(CompletableFuture.supplyAsync(
                                () -> new ClusterScan(cluster, ecsCalls, ec2Calls).run(onTask), ecsCalls)
                        .thenCompose(pages -> pages));
            }
            CompletableFuture.allOf(clusterScans.toArray(CompletableFuture[]::new))
                    .join();
            return clusterScans.stream().mapToInt(CompletableFuture::join).sum();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            ecsCalls.shutdownNow();
            ec2Calls.shutdownNow();
        }
    }

    /** The threads that make one service's calls: as many as the calls it may have in flight. */
    private ExecutorService pool(String name) {
        return Executors.newFixedThreadPool(inFlight, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private List<String> allClusters() {
        List<String> arns = new ArrayList<>();
        ecs.listClustersPaginator(request -> request.maxResults(EcsScanner.PAGE_SIZE))
                .clusterArns()
                .forEach(arns::add);
        return arns;
    }

    /** One cluster: its pages of tasks, and its services each asked for once. */
    private final class ClusterScan {
        private final String cluster;
        private final ExecutorService ecsCalls;
        private final ExecutorService ec2Calls;
        private final Map<String, CompletableFuture<Optional<Service>>> services = new ConcurrentHashMap<>();

        ClusterScan(String cluster, ExecutorService ecsCalls, ExecutorService ec2Calls) {
            this.cluster = cluster;
            this.ecsCalls = ecsCalls;
            this.ec2Calls = ec2Calls;
        }

        /** Lists the pages on this thread and hands each on as it arrives. */
        CompletableFuture<Integer> run(Consumer<RunningTask> onTask) {
            List<CompletableFuture<Integer>> pages = new ArrayList<>();
            for (ListTasksResponse page : ecs.listTasksPaginator(
                    request -> request.cluster(cluster).maxResults(TaskExposureReader.LIST_TASKS_MAX))) {
                if (page.hasTaskArns() && !page.taskArns().isEmpty()) {
                    pages.add(page(page.taskArns(), onTask));
                }
            }
            return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                    .thenApply(done ->
                            pages.stream().mapToInt(CompletableFuture::join).sum());
        }

        private CompletableFuture<Integer> page(List<String> taskArns, Consumer<RunningTask> onTask) {
            CompletableFuture<List<Task>> described =
                    CompletableFuture.supplyAsync(() -> reader.describe(cluster, taskArns), ecsCalls);
            CompletableFuture<Map<String, TaskInterface>> interfaces =
                    described.thenApplyAsync(reader::interfaces, ec2Calls);
            CompletableFuture<Map<String, Optional<Service>>> owners = described.thenCompose(this::servicesOf);
            return interfaces.thenCombine(owners, (enis, byName) -> {
                List<Task> tasks = described.join();
                for (Task task : tasks) {
                    RunningTask running = TaskExposureReader.of(
                            task, enis, TaskExposureReader.serviceName(task).flatMap(byName::get));
                    synchronized (onTask) {
                        onTask.accept(running);
                    }
                }
                return tasks.size();
            });
        }

        /** The services these tasks belong to; those not asked for yet are described here, 10 a call. */
        private CompletableFuture<Map<String, Optional<Service>>> servicesOf(List<Task> tasks) {
            List<String> names = tasks.stream()
                    .map(TaskExposureReader::serviceName)
                    .flatMap(Optional::stream)
                    .distinct()
                    .toList();
            List<String> fresh = new ArrayList<>();
            synchronized (services) {
                for (String name : names) {
                    if (!services.containsKey(name)) {
                        services.put(name, new CompletableFuture<>());
                        fresh.add(name);
                    }
                }
            }
            for (int start = 0; start < fresh.size(); start += EcsScanner.DESCRIBE_SERVICES_MAX) {
                List<String> chunk =
                        fresh.subList(start, Math.min(fresh.size(), start + EcsScanner.DESCRIBE_SERVICES_MAX));
                CompletableFuture.runAsync(() -> describeServices(chunk), ecsCalls)
                        .whenComplete((ok, failure) -> {
                            if (failure != null) {
                                chunk.forEach(name -> services.get(name).completeExceptionally(failure));
                            }
                        });
            }
            List<CompletableFuture<Optional<Service>>> wanted =
                    names.stream().map(services::get).toList();
            return CompletableFuture.allOf(wanted.toArray(CompletableFuture[]::new))
                    .thenApply(done -> {
                        Map<String, Optional<Service>> byName = new HashMap<>();
                        for (int i = 0; i < names.size(); i++) {
                            byName.put(names.get(i), wanted.get(i).join());
                        }
                        return byName;
                    });
        }

        private void describeServices(List<String> names) {
            DescribeServicesResponse described =
                    ecs.describeServices(request -> request.cluster(cluster).services(names));
            for (String name : names) {
                Optional<Service> service = described.services().stream()
                        .filter(s -> name.equals(s.serviceName()))
                        .findFirst();
                services.get(name).complete(service);
            }
        }
    }
}
