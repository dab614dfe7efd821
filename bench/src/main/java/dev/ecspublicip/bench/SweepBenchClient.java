package dev.ecspublicip.bench;

import com.google.gson.JsonObject;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.LocalContext;
import dev.ecspublicip.config.ConfigurationItemParser;
import dev.ecspublicip.config.Evaluation;
import dev.ecspublicip.config.EvaluationPublisher;
import dev.ecspublicip.lambda.AccountClients;
import dev.ecspublicip.lambda.ConfigRuleHandler;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Rule;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import dev.ecspublicip.testing.config.ConfigStandIn;
import dev.ecspublicip.testing.lambda.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.EvaluationResult;
import software.amazon.awssdk.services.config.model.ResourceKey;

/**
 * One benchmark run in its own JVM (so its heap is only its own): {@code sweep} runs the Lambda handler on
 * a ScheduledNotification; {@code naive} is the comparator, the straightforward way to do the same job: one
 * call at a time, every configuration item read into memory before any is judged. Prints one JSON line:
 * wall time, evaluations put, peak heap in use (sampled) and the most heap left after a collection.
 */
public final class SweepBenchClient {
    /** The job's own time, its client already built: the sweep's durationMillis, or the comparator's from its first call. */
    private static long workMillis;

    private SweepBenchClient() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI endpoint = URI.create(args[1]);
        HeapWatch heap = HeapWatch.start();
        long started = System.nanoTime();
        long put = switch (mode) {
            case "sweep" -> sweep(endpoint);
            case "naive" -> naive(endpoint);
            default -> throw new IllegalArgumentException("mode must be sweep or naive, got " + mode);
        };
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        JsonObject result = new JsonObject();
        result.addProperty("mode", mode);
        result.addProperty("wallMillis", wallMillis);
        result.addProperty("workMillis", workMillis);
        result.addProperty(
                "cpuMillis",
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime()
                        / 1_000_000);
        result.addProperty("evaluationsPut", put);
        result.addProperty("peakHeapUsedBytes", heap.peakUsed());
        result.addProperty("peakHeapAfterGcBytes", heap.peakAfterGc());
        result.addProperty("maxHeapBytes", Runtime.getRuntime().maxMemory());
        System.out.println(result);
    }

    private static long sweep(URI endpoint) throws Exception {
        AtomicLong put = new AtomicLong();
        JsonObject invoking = new JsonObject();
        invoking.addProperty("awsAccountId", "123456789012");
        invoking.addProperty("notificationCreationTime", BenchInventory.NOTIFIED.toString());
        invoking.addProperty("messageType", "ScheduledNotification");
        JsonObject event = new JsonObject();
        event.addProperty("invokingEvent", invoking.toString());
        event.addProperty("ruleParameters", "{\"exemptEcsServiceArns\": \"\", \"exemptionTagKey\": \"\"}");
        event.addProperty("resultToken", "bench-token");
        event.addProperty("configRuleName", BenchInventory.RULE);
        TestContext context = new TestContext(LocalContext.MAX_TIMEOUT_MILLIS);
        new ConfigRuleHandler(
                        AccountClients.single(() -> ConfigStandIn.client(endpoint, AwsClients::configure)),
                        evaluation -> put.incrementAndGet())
                .handleRequest(
                        new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(),
                        context);
        String summary = context.logLines().get(0);
        System.err.println(summary);
        workMillis = com.google.gson.JsonParser.parseString(summary)
                .getAsJsonObject()
                .get("durationMillis")
                .getAsLong();
        return put.get();
    }

    /** The comparator: list everything, read every item into a list, judge, then put, one call at a time. */
    private static long naive(URI endpoint) {
        ConfigClient config = ConfigStandIn.client(endpoint, AwsClients::configure);
        long started = System.nanoTime();
        List<ResourceKey> keys = new ArrayList<>();
        for (String type : List.of("AWS::ECS::Service", "AWS::ECS::TaskSet")) {
            config.listDiscoveredResourcesPaginator(r -> r.resourceType(type).limit(100))
                    .resourceIdentifiers()
                    .forEach(id -> keys.add(ResourceKey.builder()
                            .resourceType(id.resourceType())
                            .resourceId(id.resourceId())
                            .build()));
        }
        List<BaseConfigurationItem> items = new ArrayList<>();
        for (int start = 0; start < keys.size(); start += 100) {
            List<ResourceKey> batch = keys.subList(start, Math.min(keys.size(), start + 100));
            items.addAll(
                    config.batchGetResourceConfig(r -> r.resourceKeys(batch)).baseConfigurationItems());
        }
        List<EvaluationResult> prior = new ArrayList<>();
        config.getComplianceDetailsByConfigRulePaginator(r -> r.configRuleName(BenchInventory.RULE)
                        .complianceTypes(ComplianceType.COMPLIANT, ComplianceType.NON_COMPLIANT)
                        .limit(100))
                .evaluationResults()
                .forEach(prior::add);
        Rule rule = Rules.of(RuleParameters.NONE);
        List<Evaluation> evaluations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (BaseConfigurationItem item : items) {
            seen.add(item.resourceId());
            var resource = ConfigurationItemParser.parse(item, "item").resource();
            evaluations.add(new Evaluation(resource.key(), rule.judge(resource), BenchInventory.NOTIFIED));
        }
        for (EvaluationResult result : prior) {
            var qualifier = result.evaluationResultIdentifier().evaluationResultQualifier();
            if (!seen.contains(qualifier.resourceId())) {
                evaluations.add(new Evaluation(
                        new dev.ecspublicip.resource.ResourceKey(qualifier.resourceType(), qualifier.resourceId()),
                        new Verdict(Compliance.NOT_APPLICABLE, "gone"),
                        BenchInventory.NOTIFIED));
            }
        }
        int put =
                new EvaluationPublisher(config).put("bench-token", evaluations).size();
        workMillis = (System.nanoTime() - started) / 1_000_000;
        return put;
    }

    /**
     * Peak heap in use, sampled every 2 ms (garbage included, so it follows the collector's sizing as much as
     * the program), and the most heap left right after any collection (an upper bound on live data).
     */
    private static final class HeapWatch {
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakAfterGc = new AtomicLong();
        private final Set<String> heapPools = new HashSet<>();

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    watch.heapPools.add(pool.getName());
                }
            }
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector)
                        .addNotificationListener(
                                (notification, handback) -> {
                                    if (notification
                                            .getType()
                                            .equals(
                                                    GarbageCollectionNotificationInfo
                                                            .GARBAGE_COLLECTION_NOTIFICATION)) {
                                        watch.afterGc(GarbageCollectionNotificationInfo.from(
                                                (CompositeData) notification.getUserData()));
                                    }
                                },
                                null,
                                null);
            }
            Thread sampler = new Thread(
                    () -> {
                        while (true) {
                            watch.peakUsed.accumulateAndGet(
                                    ManagementFactory.getMemoryMXBean()
                                            .getHeapMemoryUsage()
                                            .getUsed(),
                                    Math::max);
                            try {
                                Thread.sleep(2);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
            return watch;
        }

        private void afterGc(GarbageCollectionNotificationInfo info) {
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            peakAfterGc.accumulateAndGet(used, Math::max);
        }

        long peakUsed() {
            return peakUsed.get();
        }

        long peakAfterGc() {
            return peakAfterGc.get();
        }
    }
}
