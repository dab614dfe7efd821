package dev.ecspublicip.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.testing.ec2.Ec2StandIn;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.protocol.LoopbackServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The ECS and EC2 stand-ins of the {@code scan --tasks} benchmark, filled with its clusters, services, tasks
 * and network interfaces, and answering every call after the latency. {@link TaskScanBenchmark} runs them in
 * a JVM of their own by default (this class's {@link #main}), so that the JVM it measures holds the scan
 * alone, as a scan against AWS would; or in its own JVM ({@code --stand-ins jvm}).
 *
 * <p>As a process: prints {@code ECS_ENDPOINT EC2_ENDPOINT EXPOSED} on its first line, then answers one line
 * per command read from standard input: {@code calls} (ECS and EC2 calls received so far), {@code cpu} (CPU
 * time of this JVM and of its stand-ins' threads, ms), {@code check} ({@code ok}, or the requests and answers
 * outside the API models); it ends at the end of its input.
 */
final class TaskStandIns implements AutoCloseable {
    private final EcsStandIn ecs = new EcsStandIn(Clock.systemUTC());
    private final Ec2StandIn ec2 = new Ec2StandIn();
    private final int exposed;

    /** Services with one PRIMARY deployment each; tasks spread over them; every tenth task public. */
    TaskStandIns(int clusters, int perCluster, int services, int latency) {
        int publicTasks = 0;
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
                publicTasks += isPublic ? 1 : 0;
            }
        }
        exposed = publicTasks;
        ecs.latency(latency);
        ec2.latency(latency);
    }

    EcsStandIn ecs() {
        return ecs;
    }

    Ec2StandIn ec2() {
        return ec2;
    }

    int exposed() {
        return exposed;
    }

    /** ECS and EC2 calls received so far. */
    int[] calls() {
        return new int[] {ecs.calls().size(), ec2.calls().size()};
    }

    /** The requests and answers outside the API models, empty when there were none. */
    String violations() {
        try {
            ecs.assertNoViolations();
            ec2.assertNoViolations();
            return "";
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    /** CPU time of the threads that answer the stand-ins' requests, ms. */
    static long standInThreadsCpuMillis() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null
                    && (info.getThreadName().startsWith(LoopbackServer.THREAD_PREFIX)
                            || info.getThreadName().startsWith("HTTP-Dispatcher"))) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1_000_000;
    }

    static long processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }

    @Override
    public void close() {
        ecs.close();
        ec2.close();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = SweepBenchmark.options(args);
        try (TaskStandIns standIns = new TaskStandIns(
                Integer.parseInt(options.get("--clusters")),
                Integer.parseInt(options.get("--tasks-per-cluster")),
                Integer.parseInt(options.get("--services-per-cluster")),
                Integer.parseInt(options.get("--latency-ms")))) {
            System.out.println(standIns.ecs.endpoint() + " " + standIns.ec2.endpoint() + " " + standIns.exposed);
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                switch (command.strip()) {
                    case "calls" -> {
                        int[] calls = standIns.calls();
                        System.out.println(calls[0] + " " + calls[1]);
                    }
                    case "cpu" -> System.out.println(processCpuMillis() + " " + standInThreadsCpuMillis());
                    case "check" -> {
                        String violations = standIns.violations();
                        System.out.println(violations.isEmpty() ? "ok" : violations.replace('\n', ' '));
                    }
                    default -> System.out.println("unknown command " + command);
                }
                System.out.flush();
            }
        }
    }
}
