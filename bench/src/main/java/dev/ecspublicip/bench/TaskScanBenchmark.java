package dev.ecspublicip.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.scan.TaskScan;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The {@code scan --tasks} benchmark: {@code --clusters} (default 20) clusters of {@code --tasks-per-cluster}
 * (default 100) running tasks, in {@code --services-per-cluster} (default 4) services, one in ten with a
 * public IPv4 address, behind the ECS and EC2 stand-ins answering every call after {@code --latency-ms}
 * (default 40). Times {@link TaskScan} {@code --runs} times (default 10, after {@code --warmups}, default 3, so the
 * JIT has compiled the client's and the stand-ins' code) and, side by side,
 * {@code bench/tasks/sequential_reads.py} (boto3, the same reads one call after another) aimed at the same
 * stand-ins. Reports medians against the latency floor: the longest chain of calls that must follow one
 * another (ListClusters, ListTasks pages of a cluster, DescribeTasks, DescribeNetworkInterfaces) times the
 * latency; and the calls made against the batching minimum.
 *
 * <p>Run it with {@code mvn -B -Pbench-tasks -DskipTests verify -pl bench -am}; arguments as
 * {@code -Dbench.args="--clusters 5 --runs 1"}.
 */
public final class TaskScanBenchmark {
    private TaskScanBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = SweepBenchmark.options(args);
        int clusters = Integer.parseInt(options.getOrDefault("--clusters", "20"));
        int perCluster = Integer.parseInt(options.getOrDefault("--tasks-per-cluster", "100"));
        int services = Integer.parseInt(options.getOrDefault("--services-per-cluster", "4"));
        int latency = Integer.parseInt(options.getOrDefault("--latency-ms", "40"));
        int runs = Integer.parseInt(options.getOrDefault("--runs", "10"));
        int warmups = Integer.parseInt(options.getOrDefault("--warmups", "3"));
        String python = options.getOrDefault("--python", "python3");
        System.out.printf(
                "machine: %d cores, load average %.2f at start; %d clusters x %d tasks, %d services each; %d ms per call%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                clusters,
                perCluster,
                services,
                latency);
        try (EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
                Ec2StandIn ec2 = new Ec2StandIn()) {
            int exposed = populate(ecs, ec2, clusters, perCluster, services);
            ecs.latency(latency);
            ec2.latency(latency);
            int pages = (perCluster + 99) / 100;
            int chain = 1 + pages + 2;
            long floor = (long) chain * latency;
            List<Long> scanMillis = new ArrayList<>();
            List<Long> cpuMillis = new ArrayList<>();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            int[] read = new int[2];
            try (EcsClient ecsClient = AwsClients.configure(EcsClient.builder())
                            .endpointOverride(ecs.endpoint())
                            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                            .credentialsProvider(dev.ecspublicip.testing.protocol.StandInClients.TEST_CREDENTIALS)
                            .build();
                    Ec2Client ec2Client = AwsClients.configure(Ec2Client.builder())
                            .endpointOverride(ec2.endpoint())
                            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                            .credentialsProvider(dev.ecspublicip.testing.protocol.StandInClients.TEST_CREDENTIALS)
                            .build()) {
                for (int run = 1 - warmups; run <= runs; run++) {
                    int ecsBefore = ecs.calls().size();
                    int ec2Before = ec2.calls().size();
                    AtomicInteger found = new AtomicInteger();
                    long cpuBefore = os.getProcessCpuTime();
                    long started = System.nanoTime();
                    int count = new TaskScan(ecsClient, ec2Client, TaskScan.IN_FLIGHT).scan(List.of(), task -> {
                        if (task.interfaces().stream()
                                .anyMatch(i -> i.publicIpv4().isPresent())) {
                            found.incrementAndGet();
                        }
                    });
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    if (count != clusters * perCluster || found.get() != exposed) {
                        throw new IllegalStateException("read " + count + " tasks, " + found + " exposed");
                    }
                    if (run > 0) {
                        scanMillis.add(millis);
                        cpuMillis.add(TimeUnit.NANOSECONDS.toMillis(os.getProcessCpuTime() - cpuBefore));
                    }
                    read[0] = ecs.calls().size() - ecsBefore;
                    read[1] = ec2.calls().size() - ec2Before;
                }
            }
            ecs.assertNoViolations();
            ec2.assertNoViolations();
            long scan = median(scanMillis);
            System.out.printf(
                    "scan --tasks: %d ms median of %d runs (%s); floor %d calls in a chain x %d ms = %d ms: %.2f x floor%n",
                    scan, scanMillis.size(), scanMillis, chain, latency, floor, (double) scan / floor);
            System.out.printf(
                    "CPU time of this JVM (scan and stand-ins) per scan: %d ms median (%s)%n",
                    median(cpuMillis), cpuMillis);
            int comparatorRuns = Integer.parseInt(options.getOrDefault("--comparator-runs", "3"));
            List<Long> pythonMillis = new ArrayList<>();
            for (int run = 0; run < comparatorRuns; run++) {
                pythonMillis.add(sequential(python, ecs, ec2, clusters * perCluster, exposed));
            }
            if (!pythonMillis.isEmpty()) {
                long sequential = median(pythonMillis);
                System.out.printf(
                        "sequential boto3: %d ms median of %d (%s): %.1f x floor; scan --tasks is %.1f x faster%n",
                        sequential,
                        pythonMillis.size(),
                        pythonMillis,
                        (double) sequential / floor,
                        (double) sequential / scan);
            }
            int minimumEcs = 1 + clusters * pages + clusters * pages + clusters * ((services + 9) / 10);
            int minimumEc2 = clusters * pages;
            System.out.printf(
                    "calls per scan: ECS %d (minimum %d: ListClusters 1, ListTasks %d, DescribeTasks %d, DescribeServices %d),"
                            + " EC2 %d (minimum %d DescribeNetworkInterfaces, one per DescribeTasks batch)%n",
                    read[0],
                    minimumEcs,
                    clusters * pages,
                    clusters * pages,
                    clusters * ((services + 9) / 10),
                    read[1],
                    minimumEc2);
        }
    }

    /** Services with one PRIMARY deployment each; tasks spread over them; every tenth task public. */
    private static int populate(EcsStandIn ecs, Ec2StandIn ec2, int clusters, int perCluster, int services) {
        int exposed = 0;
        for (int c = 0; c < clusters; c++) {
            String cluster = "cluster-" + c;
            for (int s = 0; s < services; s++) {
                JsonObject service = EcsStandIn.serviceJson(cluster, "svc-" + s, "ECS");
                JsonArray deployments = new JsonArray();
                deployments.add(
                        EcsStandIn.deploymentJson("ecs-svc/" + c + "0" + s, "PRIMARY", "COMPLETED", null, "DISABLED"));
                service.add("deployments", deployments);
                ecs.addService(service);
            }
            for (int t = 0; t < perCluster; t++) {
                String id = "t" + c + "x" + t;
                int s = t % services;
                ecs.addTask(EcsStandIn.taskJson(
                        cluster, id, "service:svc-" + s, "ecs-svc/" + c + "0" + s, "subnet-" + c, "eni-" + id));
                boolean isPublic = t % 10 == 0;
                ec2.networkInterface("eni-" + id, "subnet-" + c, "vpc-1", isPublic ? "203.0.113." + (t % 250) : null);
                exposed += isPublic ? 1 : 0;
            }
        }
        return exposed;
    }

    /** The boto3 script's own timing of its reads (the interpreter's start excluded). */
    private static long sequential(String python, EcsStandIn ecs, Ec2StandIn ec2, int tasks, int exposed)
            throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("bench.dir", "bench")).resolve("tasks/sequential_reads.py");
        ProcessBuilder builder = new ProcessBuilder(python, script.toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("ECS_ENDPOINT", ecs.endpoint().toString());
        builder.environment().put("EC2_ENDPOINT", ec2.endpoint().toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("sequential_reads.py failed: " + out);
        }
        String[] fields = out.lines().reduce((a, b) -> b).orElse("").split(" ");
        if (Integer.parseInt(fields[1]) != tasks || Integer.parseInt(fields[2]) != exposed) {
            throw new IllegalStateException("sequential_reads.py read other numbers: " + out);
        }
        return Long.parseLong(fields[0]);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
