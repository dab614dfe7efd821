package dev.ecspublicip.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The scheduled-sweep benchmark: for each inventory size in {@code --resources} (default 5000,50000), a
 * loopback stand-in of AWS Config holding that many ECS resources answers every call after
 * {@code --latency-ms} (default 40, a regional endpoint seen from Lambda), and the sweep run by the Lambda
 * handler and, side by side, a naive comparator each run {@code --runs} times (default 3; the comparator
 * {@code --naive-runs}, default the same) in their own JVM with {@code --heap} (default 512m, the
 * function's memory) so heap figures are their own, and with {@code --jvm-options} (comma-separated; default
 * the JIT tiering and collector of Lambda's Java runtimes, {@code none} for the JDK's defaults). Reports medians; the sweep's time against the latency
 * floor, (listing pages of the longer type + 2) calls one after another, and against the comparator; API
 * calls against the minimum the API limits allow; and whether each also completes in a
 * {@code --small-heap} (default 64m; {@code none} skips it).
 *
 * <p>Run it with {@code mvn -B -Pbench -DskipTests verify -pl bench -am} (see the README);
 * arguments as {@code -Dbench.args="--resources 2000 --runs 1"}.
 */
public final class SweepBenchmark {
    /**
     * The JIT tiering and collector of Lambda's managed Java runtimes (java17 and later stop tiered
     * compilation at level 1 and run the serial collector), as the cold-start benchmark uses them.
     */
    static final String LAMBDA_JVM_OPTIONS = "-XX:TieredStopAtLevel=1,-XX:+UseSerialGC";

    /** Given to every run's JVM, the sweep's and the comparator's alike. */
    private static List<String> jvmOptions = List.of();

    private SweepBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        List<Integer> sizes = new ArrayList<>();
        for (String size : options.getOrDefault("--resources", "5000,50000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        int latency = Integer.parseInt(options.getOrDefault("--latency-ms", "40"));
        int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
        int naiveRuns = Integer.parseInt(options.getOrDefault("--naive-runs", String.valueOf(runs)));
        String heap = options.getOrDefault("--heap", "512m");
        String smallHeap = options.getOrDefault("--small-heap", "64m");
        String jvm = options.getOrDefault("--jvm-options", LAMBDA_JVM_OPTIONS);
        jvmOptions = jvm.equals("none") ? List.of() : List.of(jvm.split(","));
        System.out.printf(
                "machine: %d cores, load average %.2f at start; %d ms per call; JVM options %s%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                latency,
                jvmOptions.isEmpty() ? "none" : String.join(" ", jvmOptions));
        for (int resources : sizes) {
            int stale = Integer.parseInt(options.getOrDefault("--stale", String.valueOf(resources / 50)));
            bench(BenchInventory.of(resources, stale), latency, runs, naiveRuns, heap, smallHeap);
        }
        System.out.printf(
                "load average at the end: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
    }

    private static void bench(
            BenchInventory inventory, int latency, int runs, int naiveRuns, String heap, String smallHeap)
            throws Exception {
        try (ConfigInventoryStandIn config = new ConfigInventoryStandIn()) {
            inventory.load(config);
            config.latency(latency);
            System.out.printf(
                    "%ninventory: %d services, %d task sets, %d prior evaluations, %d stale; %d ms per call;"
                            + " heap %s; %d runs (comparator %d)%n",
                    inventory.services(),
                    inventory.taskSets(),
                    inventory.priorEvaluations(),
                    inventory.stale(),
                    latency,
                    heap,
                    runs,
                    naiveRuns);
            Map<String, List<JsonObject>> results = new LinkedHashMap<>();
            Map<String, Map<String, Integer>> calls = new LinkedHashMap<>();
            for (int run = 1; run <= Math.max(runs, naiveRuns); run++) {
                for (String mode : List.of("sweep", "naive")) {
                    if (run > (mode.equals("sweep") ? runs : naiveRuns)) {
                        continue;
                    }
                    int before = config.calls().size();
                    long standInCpu = processCpuMillis();
                    JsonObject result = runChild(mode, config, heap);
                    result.addProperty("standInCpuMillis", processCpuMillis() - standInCpu);
                    results.computeIfAbsent(mode, m -> new ArrayList<>()).add(result);
                    calls.put(
                            mode,
                            countByOperation(config.calls()
                                    .subList(before, config.calls().size())));
                    System.out.println("run " + run + " " + result);
                    check(result, inventory);
                }
            }
            Map<String, JsonObject> small = new LinkedHashMap<>();
            if (!smallHeap.equals("none")) {
                for (String mode : List.of("sweep", "naive")) {
                    try {
                        JsonObject result = runChild(mode, config, smallHeap);
                        check(result, inventory);
                        small.put(mode, result);
                    } catch (IllegalStateException failed) {
                        System.out.println(mode + " with -Xmx" + smallHeap + ": "
                                + failed.getMessage().lines().findFirst().orElse(""));
                    }
                }
            }
            config.assertNoViolations();
            report(inventory, latency, results, calls, small, smallHeap);
        }
    }

    private static long processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean)
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }

    private static JsonObject runChild(String mode, ConfigInventoryStandIn config, String heap)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                SweepBenchClient.class.getName(),
                mode,
                config.endpoint().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(mode + " run with -Xmx" + heap + " failed: "
                    + out.lines()
                            .filter(line -> line.contains("Error") || line.contains("Exception"))
                            .findFirst()
                            .orElse(out));
        }
        return JsonParser.parseString(out.lines().reduce((a, b) -> b).orElseThrow())
                .getAsJsonObject();
    }

    private static void check(JsonObject result, BenchInventory inventory) {
        long expected = inventory.resources() + inventory.stale();
        if (result.get("evaluationsPut").getAsLong() != expected) {
            throw new IllegalStateException("expected " + expected + " evaluations put: " + result);
        }
    }

    private static Map<String, Integer> countByOperation(List<Call> calls) {
        Map<String, Integer> counts = new TreeMap<>();
        calls.forEach(call -> counts.merge(call.operation(), 1, Integer::sum));
        return counts;
    }

    private static void report(
            BenchInventory inventory,
            int latency,
            Map<String, List<JsonObject>> results,
            Map<String, Map<String, Integer>> calls,
            Map<String, JsonObject> small,
            String smallHeap) {
        double floor = inventory.floorCalls() * (double) latency;
        double sweepWork = median(results.get("sweep"), "workMillis");
        double naiveWork = median(results.get("naive"), "workMillis");
        double sweepWall = median(results.get("sweep"), "wallMillis");
        double naiveWall = median(results.get("naive"), "wallMillis");
        double sweepPeak = median(results.get("sweep"), "peakHeapUsedBytes") / (1 << 20);
        double naivePeak = median(results.get("naive"), "peakHeapUsedBytes") / (1 << 20);
        double sweepLive = median(results.get("sweep"), "peakHeapAfterGcBytes") / (1 << 20);
        double naiveLive = median(results.get("naive"), "peakHeapAfterGcBytes") / (1 << 20);
        System.out.println();
        System.out.printf(
                "| %,d resources, %d ms per call (medians of %d / %d) | sweep | naive comparator | sweep / naive |%n",
                inventory.resources(),
                latency,
                results.get("sweep").size(),
                results.get("naive").size());
        System.out.println("|---|---|---|---|");
        System.out.printf(
                "| latency floor: (%d listing pages + 2) x %d ms | %.2f s | | |%n",
                inventory.floorCalls() - 2, latency, floor / 1000);
        System.out.printf(
                "| time (client built) | %.2f s | %.2f s | %.2f |%n",
                sweepWork / 1000, naiveWork / 1000, sweepWork / naiveWork);
        System.out.printf("| time / floor | %.2f | %.2f | |%n", sweepWork / floor, naiveWork / floor);
        System.out.printf(
                "| wall time (fresh JVM, client build included) | %.2f s | %.2f s | %.2f |%n",
                sweepWall / 1000, naiveWall / 1000, sweepWall / naiveWall);
        System.out.printf(
                "| peak heap in use (sampled, garbage included) | %.0f MiB | %.0f MiB | %.2f |%n",
                sweepPeak, naivePeak, sweepPeak / naivePeak);
        System.out.printf(
                "| peak heap after a GC (live data, upper bound) | %.1f MiB | %.1f MiB | %.2f |%n",
                sweepLive, naiveLive, sweepLive / naiveLive);
        if (!smallHeap.equals("none")) {
            System.out.printf(
                    "| with -Xmx%s | %s | %s | |%n",
                    smallHeap, outcome(small.get("sweep")), outcome(small.get("naive")));
        }
        System.out.println();
        System.out.println("| API calls (last run) | minimum | sweep | naive comparator |");
        System.out.println("|---|---|---|---|");
        int[] totals = new int[3];
        inventory.minimumCalls().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> {
                    int sweep = calls.get("sweep").getOrDefault(entry.getKey(), 0);
                    int naive = calls.get("naive").getOrDefault(entry.getKey(), 0);
                    totals[0] += entry.getValue();
                    totals[1] += sweep;
                    totals[2] += naive;
                    System.out.printf("| %s | %d | %d | %d |%n", entry.getKey(), entry.getValue(), sweep, naive);
                });
        System.out.printf("| total | %d | %d | %d |%n", totals[0], totals[1], totals[2]);
    }

    private static String outcome(JsonObject run) {
        return run == null
                ? "fails"
                : String.format(
                        "completes, %.2f s, peak after GC %.1f MiB",
                        run.get("wallMillis").getAsDouble() / 1000,
                        run.get("peakHeapAfterGcBytes").getAsDouble() / (1 << 20));
    }

    private static double median(List<JsonObject> runs, String member) {
        List<Double> values = new ArrayList<>();
        runs.forEach(run -> values.add(run.get(member).getAsDouble()));
        values.sort(Comparator.naturalOrder());
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            words.addAll(List.of(arg.trim().split("\\s+")));
        }
        words.removeIf(String::isEmpty);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.contains("=")) {
                options.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            } else if (i + 1 < words.size()) {
                options.put(word, words.get(++i));
            } else {
                throw new IllegalArgumentException(word + " needs a value");
            }
        }
        return options;
    }
}
