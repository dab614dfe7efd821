package dev.ecspublicip.bench;

import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.scan.TaskScan;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The {@code scan --tasks} benchmark: {@code --clusters} (default 20) clusters of {@code --tasks-per-cluster}
 * (default 100) running tasks, in {@code --services-per-cluster} (default 4) services, one in ten with a
 * public IPv4 address, behind the ECS and EC2 stand-ins answering every call after {@code --latency-ms}
 * (default 40). The stand-ins run in a JVM of their own ({@link TaskStandIns}; {@code --stand-ins jvm} puts
 * them in this one), so that this JVM holds the scan alone, as against AWS, and each side's CPU time is
 * measured apart. Times {@link TaskScan} {@code --runs} times (default 10, after {@code --warmups}, default 60:
 * the JIT is still compiling the SDK's code after 30 scans, so the figure is the scan's steady state; the
 * first scan of the fresh JVM is printed too) and, side by side, {@code bench/tasks/sequential_reads.py} (boto3, the same reads one call
 * after another) aimed at the same stand-ins, {@code --comparator-runs} times (default 3). Reports medians
 * against the latency floor: the longest chain of calls that must follow one another (ListClusters,
 * ListTasks pages of a cluster, DescribeTasks, DescribeNetworkInterfaces) times the latency; and the calls
 * made against the batching minimum.
 *
 * <p>Run it with {@code mvn -B -Pbench-tasks -DskipTests verify -pl bench -am}; arguments as
 * {@code -Dbench.args="--clusters 5 --runs 1"}.
 */
public final class TaskScanBenchmark {
    private TaskScanBenchmark() {}

    /** Where the stand-ins run, and what they have counted. */
    private interface StandIns extends AutoCloseable {
        URI ecs();

        URI ec2();

        int exposed();

        /** ECS and EC2 calls so far. */
        int[] calls() throws IOException;

        /** CPU time so far of the JVM that holds the stand-ins, and of their answering threads, ms. */
        long[] cpu() throws IOException;

        /** The requests and answers outside the API models; empty when none. */
        String violations() throws IOException;

        @Override
        void close() throws IOException, InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = SweepBenchmark.options(args);
        int clusters = Integer.parseInt(options.getOrDefault("--clusters", "20"));
        int perCluster = Integer.parseInt(options.getOrDefault("--tasks-per-cluster", "100"));
        int services = Integer.parseInt(options.getOrDefault("--services-per-cluster", "4"));
        int latency = Integer.parseInt(options.getOrDefault("--latency-ms", "40"));
        int runs = Integer.parseInt(options.getOrDefault("--runs", "10"));
        int warmups = Integer.parseInt(options.getOrDefault("--warmups", "60"));
        int comparatorRuns = Integer.parseInt(options.getOrDefault("--comparator-runs", "3"));
        boolean apart = !options.getOrDefault("--stand-ins", "process").equals("jvm");
        String python = options.getOrDefault("--python", "python3");
        System.out.printf(
                "machine: %d cores, load average %.2f at start; %d clusters x %d tasks, %d services each; %d ms per call;"
                        + " stand-ins in %s%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                clusters,
                perCluster,
                services,
                latency,
                apart ? "a JVM of their own" : "the scan's JVM");
        try (StandIns standIns = apart
                ? new Apart(clusters, perCluster, services, latency)
                : new Together(new TaskStandIns(clusters, perCluster, services, latency))) {
            int pages = (perCluster + 99) / 100;
            int chain = 1 + pages + 2;
            long floor = (long) chain * latency;
            List<Long> scanMillis = new ArrayList<>();
            long firstScan = -1;
            List<Long> scanCpu = new ArrayList<>();
            List<Long> standInCpu = new ArrayList<>();
            int[] read = new int[2];
            TaskScan.keepConnections(); // as the command line does before its first call
            try (EcsClient ecsClient = AwsClients.configure(EcsClient.builder())
                            .endpointOverride(standIns.ecs())
                            .region(Region.US_EAST_1)
                            .credentialsProvider(StandInClients.TEST_CREDENTIALS)
                            .build();
                    Ec2Client ec2Client = AwsClients.configure(Ec2Client.builder())
                            .endpointOverride(standIns.ec2())
                            .region(Region.US_EAST_1)
                            .credentialsProvider(StandInClients.TEST_CREDENTIALS)
                            .build()) {
                for (int run = 1 - warmups; run <= runs; run++) {
                    int[] callsBefore = standIns.calls();
                    long[] standInsBefore = standIns.cpu();
                    AtomicInteger found = new AtomicInteger();
                    long cpuBefore = TaskStandIns.processCpuMillis();
                    long started = System.nanoTime();
                    int count = new TaskScan(ecsClient, ec2Client, TaskScan.IN_FLIGHT).scan(List.of(), task -> {
                        if (task.interfaces().stream()
                                .anyMatch(i -> i.publicIpv4().isPresent())) {
                            found.incrementAndGet();
                        }
                    });
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                    long cpu = TaskStandIns.processCpuMillis() - cpuBefore;
                    long[] standInsAfter = standIns.cpu();
                    if (count != clusters * perCluster || found.get() != standIns.exposed()) {
                        throw new IllegalStateException("read " + count + " tasks, " + found + " exposed");
                    }
                    if (firstScan < 0) {
                        firstScan = millis;
                    }
                    if (run > 0) {
                        scanMillis.add(millis);
                        // Apart, this JVM is the scan's; together, its CPU less the stand-ins' answering threads.
                        long standInsCpu =
                                apart ? standInsAfter[0] - standInsBefore[0] : standInsAfter[1] - standInsBefore[1];
                        scanCpu.add(apart ? cpu : cpu - standInsCpu);
                        standInCpu.add(standInsCpu);
                    }
                    int[] callsAfter = standIns.calls();
                    read[0] = callsAfter[0] - callsBefore[0];
                    read[1] = callsAfter[1] - callsBefore[1];
                }
            }
            System.out.printf("first scan in this JVM (the JIT not yet at work): %d ms%n", firstScan);
            String violations = standIns.violations();
            if (!violations.isEmpty()) {
                throw new AssertionError(violations);
            }
            long scan = median(scanMillis);
            System.out.printf(
                    "scan --tasks: %d ms median of %d runs after %d warm-ups (%d-%d: %s); floor %d calls in a chain x %d ms"
                            + " = %d ms: %.2f x floor%n",
                    scan,
                    scanMillis.size(),
                    warmups,
                    Collections.min(scanMillis),
                    Collections.max(scanMillis),
                    scanMillis,
                    chain,
                    latency,
                    floor,
                    (double) scan / floor);
            System.out.printf(
                    apart
                            ? "CPU time per scan: the scan's JVM %d ms median (%s); the stand-ins' JVM %d ms (%s)%n"
                            : "CPU time per scan: this JVM less the stand-ins' threads %d ms median (%s);"
                                    + " the stand-ins' threads %d ms (%s)%n",
                    median(scanCpu),
                    scanCpu,
                    median(standInCpu),
                    standInCpu);
            List<Long> pythonMillis = new ArrayList<>();
            for (int run = 0; run < comparatorRuns; run++) {
                pythonMillis.add(sequential(python, standIns, clusters * perCluster));
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

    /** The stand-ins in this JVM. */
    private record Together(TaskStandIns standIns) implements StandIns {
        @Override
        public URI ecs() {
            return standIns.ecs().endpoint();
        }

        @Override
        public URI ec2() {
            return standIns.ec2().endpoint();
        }

        @Override
        public int exposed() {
            return standIns.exposed();
        }

        @Override
        public int[] calls() {
            return standIns.calls();
        }

        @Override
        public long[] cpu() {
            return new long[] {TaskStandIns.processCpuMillis(), TaskStandIns.standInThreadsCpuMillis()};
        }

        @Override
        public String violations() {
            return standIns.violations();
        }

        @Override
        public void close() {
            standIns.close();
        }
    }

    /** The stand-ins in a JVM of their own ({@link TaskStandIns#main}), asked over its standard input and output. */
    private static final class Apart implements StandIns {
        private final Process process;
        private final BufferedReader answers;
        private final PrintWriter commands;
        private final URI ecs;
        private final URI ec2;
        private final int exposed;

        Apart(int clusters, int perCluster, int services, int latency) throws IOException {
            // -Dbench.standins.jvm gives the stand-ins' JVM one more option, e.g. a flight recording.
            process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx512m",
                            System.getProperty("bench.standins.jvm", "-Dbench.profile=none"),
                            "-cp",
                            System.getProperty("java.class.path"),
                            TaskStandIns.class.getName(),
                            "--clusters",
                            String.valueOf(clusters),
                            "--tasks-per-cluster",
                            String.valueOf(perCluster),
                            "--services-per-cluster",
                            String.valueOf(services),
                            "--latency-ms",
                            String.valueOf(latency))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            String first = answers.readLine();
            while (first != null && !first.startsWith("http://")) {
                first = answers.readLine(); // the JVM's own lines, e.g. a flight recording's start
            }
            if (first == null) {
                throw new IllegalStateException("the stand-ins' JVM ended before it listened");
            }
            String[] fields = first.split(" ");
            ecs = URI.create(fields[0]);
            ec2 = URI.create(fields[1]);
            exposed = Integer.parseInt(fields[2]);
        }

        private String ask(String command) throws IOException {
            commands.println(command);
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException("the stand-ins' JVM ended");
            }
            return answer;
        }

        @Override
        public URI ecs() {
            return ecs;
        }

        @Override
        public URI ec2() {
            return ec2;
        }

        @Override
        public int exposed() {
            return exposed;
        }

        @Override
        public int[] calls() throws IOException {
            String[] fields = ask("calls").split(" ");
            return new int[] {Integer.parseInt(fields[0]), Integer.parseInt(fields[1])};
        }

        @Override
        public long[] cpu() throws IOException {
            String[] fields = ask("cpu").split(" ");
            return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
        }

        @Override
        public String violations() throws IOException {
            String answer = ask("check");
            return answer.equals("ok") ? "" : answer;
        }

        @Override
        public void close() throws InterruptedException {
            commands.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        }
    }

    /** The boto3 script's own timing of its reads (the interpreter's start excluded). */
    private static long sequential(String python, StandIns standIns, int tasks)
            throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("bench.dir", "bench")).resolve("tasks/sequential_reads.py");
        ProcessBuilder builder = new ProcessBuilder(python, script.toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("ECS_ENDPOINT", standIns.ecs().toString());
        builder.environment().put("EC2_ENDPOINT", standIns.ec2().toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("sequential_reads.py failed: " + out);
        }
        String[] fields = out.lines().reduce((a, b) -> b).orElse("").split(" ");
        if (Integer.parseInt(fields[1]) != tasks || Integer.parseInt(fields[2]) != standIns.exposed()) {
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
