package dev.ecspublicip.sweep;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.config.ApiCallCounter;
import dev.ecspublicip.config.Evaluation;
import dev.ecspublicip.rule.Compliance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** What one sweep did, counted from every worker; becomes the run's single structured log line. */
final class SweepReport {
    private final String ruleName;
    private final Instant notificationTime;
    private final TimeBudget budget;
    private volatile List<String> resourceTypes = List.of();
    private volatile Boolean parametersMatchRule;
    private volatile int listed;
    private volatile boolean inventoryComplete;
    private volatile int priorEvaluations;
    private volatile boolean priorComplete;
    private volatile String stoppedBy;
    private final LongAdder read = new LongAdder();
    private final Map<String, Map<Compliance, LongAdder>> verdicts = new ConcurrentHashMap<>();
    // COMPLIANT only because exempt, counted apart from COMPLIANT so reviewers see what was skipped.
    private final Map<String, LongAdder> exempt = new ConcurrentHashMap<>();
    private final LongAdder staleCleared = new LongAdder();
    private final LongAdder unread = new LongAdder();
    private final LongAdder leftForNextRun = new LongAdder();
    private final LongAdder put = new LongAdder();
    private final LongAdder notPut = new LongAdder();
    private final AtomicReference<String> firstUnread = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    SweepReport(String ruleName, Instant notificationTime, TimeBudget budget) {
        this.ruleName = ruleName;
        this.notificationTime = notificationTime;
        this.budget = budget;
    }

    void scope(List<String> types, boolean parametersMatch) {
        this.resourceTypes = List.copyOf(types);
        this.parametersMatchRule = parametersMatch;
    }

    void listed(int count, boolean complete) {
        this.listed = count;
        this.inventoryComplete = complete;
    }

    void priorEvaluations(int count, boolean complete) {
        this.priorEvaluations = count;
        this.priorComplete = complete;
    }

    void read(int items) {
        read.add(items);
    }

    void judged(Evaluation evaluation) {
        Map<Compliance, LongAdder> counts =
                verdicts.computeIfAbsent(evaluation.resourceType(), type -> new ConcurrentHashMap<>());
        if (evaluation.verdict().exempt()) {
            counts.computeIfAbsent(Compliance.COMPLIANT, compliance -> new LongAdder());
            exempt.computeIfAbsent(evaluation.resourceType(), type -> new LongAdder())
                    .increment();
        } else {
            counts.computeIfAbsent(evaluation.compliance(), compliance -> new LongAdder())
                    .increment();
        }
    }

    void staleCleared() {
        staleCleared.increment();
    }

    void unread(int count, String why) {
        if (count > 0) {
            unread.add(count);
            firstUnread.compareAndSet(null, why);
        }
    }

    /** Work not started because the run had to stop; the next scheduled run covers it. */
    void left(int count, String why) {
        leftForNextRun.add(count);
        if (stoppedBy == null) {
            stoppedBy = why;
        }
    }

    void put(int count) {
        put.add(count);
    }

    void notPut(int count, RuntimeException why) {
        notPut.add(count);
        failed(why);
    }

    /**
     * A failure of the run, unless the time budget ended the call (cut short at its deadline, or not sent):
     * then the run stops as for the time budget, without error, and the next run continues.
     */
    void failed(RuntimeException e) {
        if (budget != null && budget.ended(e)) {
            if (stoppedBy == null) {
                stoppedBy = "time budget";
            }
            return;
        }
        failure.compareAndSet(null, e);
    }

    boolean hasFailed() {
        return failure.get() != null;
    }

    /** Rethrows the first failure, after the log line has been written. */
    void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    JsonObject toJson(ApiCallCounter apiCalls, long tagLookups, Duration duration) {
        JsonObject json = new JsonObject();
        json.addProperty(
                "message",
                "scheduled sweep " + (hasFailed() ? "failed" : stoppedBy != null ? "stopped early" : "finished"));
        json.addProperty("configRuleName", ruleName);
        json.addProperty("notificationCreationTime", notificationTime.toString());
        JsonArray types = new JsonArray();
        resourceTypes.forEach(types::add);
        json.add("resourceTypes", types);
        if (parametersMatchRule != null) {
            json.addProperty("ruleParametersMatchRule", parametersMatchRule);
        }
        json.addProperty("resourcesListed", listed);
        json.addProperty("inventoryComplete", inventoryComplete);
        json.addProperty("priorEvaluationsRead", priorEvaluations);
        json.addProperty("priorEvaluationsComplete", priorComplete);
        json.addProperty("resourcesRead", read.sum());
        JsonObject byType = new JsonObject();
        new TreeMap<>(verdicts).forEach((type, counts) -> {
            JsonObject byCompliance = new JsonObject();
            for (Compliance compliance : Compliance.values()) {
                LongAdder count = counts.get(compliance);
                byCompliance.addProperty(compliance.name(), count == null ? 0 : count.sum());
            }
            LongAdder exempted = exempt.get(type);
            byCompliance.addProperty("EXEMPT", exempted == null ? 0 : exempted.sum());
            byType.add(type, byCompliance);
        });
        json.add("verdicts", byType);
        json.addProperty("staleCleared", staleCleared.sum());
        json.addProperty("tagLookups", tagLookups);
        json.addProperty("unread", unread.sum());
        if (firstUnread.get() != null) {
            json.addProperty("firstUnread", firstUnread.get());
        }
        json.addProperty("leftForNextRun", leftForNextRun.sum());
        if (stoppedBy != null) {
            json.addProperty("stoppedBy", stoppedBy);
        }
        json.addProperty("evaluationsPut", put.sum());
        json.addProperty("evaluationsNotPut", notPut.sum());
        JsonObject calls = new JsonObject();
        Map<String, Long> byOperation = apiCalls.calls();
        calls.addProperty(
                "total",
                byOperation.values().stream().mapToLong(Long::longValue).sum());
        byOperation.forEach(calls::addProperty);
        json.add("apiCalls", calls);
        json.addProperty("throttlesRetried", apiCalls.throttlesRetried());
        json.addProperty("durationMillis", duration.toMillis());
        if (failure.get() != null) {
            json.addProperty("error", String.valueOf(failure.get().getMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " "));
        }
        return json;
    }
}
