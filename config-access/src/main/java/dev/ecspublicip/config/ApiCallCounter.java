package dev.ecspublicip.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts API calls by operation, and throttled attempts the SDK's retry strategy retried, from the SDK's
 * own per-call metrics (one collection per call, one child per HTTP attempt).
 */
public final class ApiCallCounter implements MetricPublisher {
    private static final String ATTEMPT = "ApiCallAttempt";
    private static final String THROTTLING = "Throttling";

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder throttlesRetried = new LongAdder();

    @Override
    public void publish(MetricCollection metrics) {
        List<String> operation = metrics.metricValues(CoreMetric.OPERATION_NAME);
        calls.computeIfAbsent(operation.isEmpty() ? "unknown" : operation.get(0), k -> new LongAdder())
                .increment();
        List<MetricCollection> attempts = metrics.childrenWithName(ATTEMPT).toList();
        // Every attempt but the last was followed by a retry.
        for (int i = 0; i < attempts.size() - 1; i++) {
            if (attempts.get(i).metricValues(CoreMetric.ERROR_TYPE).contains(THROTTLING)) {
                throttlesRetried.increment();
            }
        }
    }

    /** Calls made so far, by operation name. */
    public Map<String, Long> calls() {
        Map<String, Long> snapshot = new TreeMap<>();
        calls.forEach((operation, count) -> snapshot.put(operation, count.sum()));
        return snapshot;
    }

    public long throttlesRetried() {
        return throttlesRetried.sum();
    }

    @Override
    public void close() {}
}
