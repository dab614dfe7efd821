package dev.ecspublicip.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.ApiCallCounter;
import dev.ecspublicip.config.BatchItemReader;
import dev.ecspublicip.config.ConfigInventory;
import dev.ecspublicip.config.ConfigItemHistory;
import dev.ecspublicip.config.DeadlineConfigClient;
import dev.ecspublicip.config.Evaluation;
import dev.ecspublicip.config.EvaluationPublisher;
import dev.ecspublicip.config.MeteredConfigClient;
import dev.ecspublicip.config.PriorEvaluations;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.config.RuleScope;
import dev.ecspublicip.event.InvokingEvent;
import dev.ecspublicip.event.RuleEvent;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.RuleParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;

/**
 * A periodic sweep of every resource in the rule's scope, for a ScheduledNotification.
 *
 * <ol>
 *   <li>DescribeConfigRules once: the resource types in the rule's scope.
 *   <li>At the same time: ListDiscoveredResources per type (pages of 100), and this rule's COMPLIANT and
 *       NON_COMPLIANT evaluations (GetComplianceDetailsByConfigRule, pages of 100). Only keys are held.
 *   <li>Every evaluated resource no longer in the inventory gets NOT_APPLICABLE.
 *   <li>The inventory is read with BatchGetResourceConfig, 100 keys a call, a few calls at once, least
 *       recently judged resources first (so a run cut short by the time budget is continued by the next
 *       one), judged, and put in calls of 100, OrderingTimestamp the notification time.
 * </ol>
 *
 * <p>Before the Lambda would time out, no new reads start: what is judged is put, what is left is logged,
 * and the run ends cleanly. One JSON log line per run carries the counts. An AWS error that survives the
 * SDK's retries stops new work the same way, then fails the invocation after the log line.
 */
public final class ScheduledSweep {
    /** Batch reads (with their puts) under way at once; the SDK client is thread-safe. */
    static final int CONCURRENCY = 4;
    public static final String STALE_ANNOTATION = "No longer in AWS Config's inventory of the resource types this rule"
            + " covers (deleted, no longer recorded, or out of scope), so the rule no longer applies to it.";

    private final RuleEvent event;
    private final SweepEvaluator evaluator;
    private final Instant notificationTime;
    private final ConfigClient config;
    private final TimeBudget budget;
    private final ExecutorService pool;
    private final SweepReport report;
    private final EvaluationBatcher batcher;
    private SweepJudge judge;

    private ScheduledSweep(RuleEvent event, SweepEvaluator evaluator, Instant notificationTime, ConfigClient config,
            TimeBudget budget, ExecutorService pool, SweepReport report, Consumer<Evaluation> onPut) {
        this.event = event;
        this.evaluator = evaluator;
        this.notificationTime = notificationTime;
        this.config = config;
        this.budget = budget;
        this.pool = pool;
        this.report = report;
        this.batcher = new EvaluationBatcher(new EvaluationPublisher(config), event.resultToken(), onPut, report);
    }

    /**
     * Sweeps the rule named in the event; logs one JSON line and returns the same summary. Rule parameters
     * come from the event (what Config sent, as for change events); the rule's own InputParameters are only
     * compared with them, and a difference is reported in the log line.
     *
     * @param onPut told of every evaluation Config accepted
     * @param evaluator the rule, and the evaluations built from its verdicts
     */
    public static JsonObject run(RuleEvent event, InvokingEvent.Scheduled scheduled, ConfigClient client,
            Context context, Consumer<Evaluation> onPut, SweepEvaluator evaluator) {
        if (event.configRuleName() == null || event.configRuleName().isEmpty()) {
            throw new BadInputException("configRuleName", "is missing; a scheduled sweep reads the rule's scope by name");
        }
        long started = System.nanoTime();
        ApiCallCounter apiCalls = new ApiCallCounter();
        TimeBudget budget = new TimeBudget(context, TimeBudget.RESERVE_MILLIS);
        SweepReport report = new SweepReport(event.configRuleName(), scheduled.notificationCreationTime(), budget);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, new WorkerThreads());
        ConfigClient bounded = new DeadlineConfigClient(client, budget.reads(), budget.puts());
        ScheduledSweep sweep = new ScheduledSweep(event, evaluator, scheduled.notificationCreationTime(),
                new MeteredConfigClient(bounded, apiCalls), budget, pool, report, onPut);
        try {
            sweep.sweep();
        } catch (RuntimeException e) {
            report.failed(e);
        } finally {
            pool.shutdownNow();
        }
        sweep.batcher.flush();
        JsonObject summary = report.toJson(apiCalls, sweep.judge == null ? 0 : sweep.judge.tagLookups(),
                Duration.ofNanos(System.nanoTime() - started));
        context.getLogger().log(summary.toString());
        report.rethrowFailure();
        return summary;
    }

    private void sweep() {
        String ruleName = event.configRuleName();
        RuleScope scope = RuleScope.describe(config, ruleName);
        report.scope(scope.resourceTypes(), parametersMatch(event.parameters(), scope.inputParameters()));
        judge = new SweepJudge(evaluator, new ConfigItemHistory(config));

        Future<PriorEvaluations> priorRead = pool.submit(() -> PriorEvaluations.read(config, ruleName, budget));
        List<Future<ConfigInventory.Listing>> listings = new ArrayList<>();
        for (String type : scope.resourceTypes()) {
            listings.add(pool.submit(() -> ConfigInventory.list(config, type, scope.resourceId(), budget)));
        }
        List<ResourceKey> listed = new ArrayList<>();
        boolean complete = true;
        for (Future<ConfigInventory.Listing> listing : listings) {
            ConfigInventory.Listing done = await(listing);
            listed.addAll(done.keys());
            complete &= done.complete();
        }
        PriorEvaluations prior = await(priorRead);
        report.listed(listed.size(), complete);
        report.priorEvaluations(prior.size(), prior.complete());
        if (!complete) {
            // Without the whole inventory nothing can be called stale, and no time is left to read.
            report.left(listed.size(), "time budget");
            return;
        }
        clearStale(listed, prior);
        judgeAll(leastRecentlyJudgedFirst(listed, prior), prior);
    }

    private void clearStale(List<ResourceKey> listed, PriorEvaluations prior) {
        Set<ResourceKey> inventory = new HashSet<>(listed);
        for (Map.Entry<ResourceKey, PriorEvaluations.Prior> entry : prior.all().entrySet()) {
            if (!inventory.contains(entry.getKey())) {
                clearIfStale(entry.getKey(), Optional.of(entry.getValue()));
            }
        }
    }

    /**
     * Clears an evaluation whose resource is gone, unless it was ordered after this notification: then a
     * change event judged a resource created since the inventory was listed, and that verdict stands.
     */
    private void clearIfStale(ResourceKey key, Optional<PriorEvaluations.Prior> prior) {
        if (prior.isEmpty() || (prior.get().orderingTimestamp() != null
                && prior.get().orderingTimestamp().isAfter(notificationTime))) {
            return;
        }
        batcher.add(evaluator.stale(key));
        report.staleCleared();
    }

    /** Never-judged resources first, then by when Config recorded their last evaluation, oldest first. */
    static List<ResourceKey> leastRecentlyJudgedFirst(List<ResourceKey> listed, PriorEvaluations prior) {
        List<ResourceKey> ordered = new ArrayList<>(listed);
        ordered.sort(Comparator.comparing(key -> prior.of(key)
                .map(PriorEvaluations.Prior::recordedTime)
                .orElse(Instant.MIN)));
        return ordered;
    }

    private void judgeAll(List<ResourceKey> ordered, PriorEvaluations prior) {
        List<ResourceKey> toRead = new ArrayList<>(ordered.size());
        for (ResourceKey key : ordered) {
            if (ResourceKind.ofConfigType(key.resourceType()) == ResourceKind.OTHER) {
                // Its verdict does not depend on its configuration: no read needed.
                Evaluation evaluation = judge.judgeWithoutReading(key);
                report.judged(evaluation);
                batcher.add(evaluation);
            } else {
                toRead.add(key);
            }
        }
        Semaphore slots = new Semaphore(CONCURRENCY);
        try {
            for (int start = 0; start < toRead.size(); start += BatchItemReader.MAX_KEYS) {
                slots.acquireUninterruptibly();
                if (budget.exhausted() || report.hasFailed()) {
                    slots.release();
                    report.left(toRead.size() - start, report.hasFailed() ? "error" : "time budget");
                    break;
                }
                List<ResourceKey> chunk = toRead.subList(start, Math.min(toRead.size(), start + BatchItemReader.MAX_KEYS));
                pool.execute(() -> {
                    try {
                        readAndJudge(chunk, prior);
                    } catch (RuntimeException e) {
                        report.failed(e);
                    } finally {
                        slots.release();
                    }
                });
            }
        } finally {
            slots.acquireUninterruptibly(CONCURRENCY);
        }
    }

    private void readAndJudge(List<ResourceKey> keys, PriorEvaluations prior) {
        BatchItemReader.Batch batch = new BatchItemReader(config).read(keys);
        report.read(batch.items().size());
        for (BaseConfigurationItem item : batch.items()) {
            Evaluation evaluation;
            try {
                evaluation = judge.judge(item, "BatchGetResourceConfig." + item.resourceType() + "[" + item.resourceId() + "]");
            } catch (BadInputException | SweepJudge.UnreadableException unreadable) {
                report.unread(1, unreadable.getMessage());
                continue;
            }
            report.judged(evaluation);
            batcher.add(evaluation);
        }
        for (ResourceKey gone : batch.missing()) {
            clearIfStale(gone, prior.of(gone));
        }
        if (!batch.unprocessed().isEmpty()) {
            report.unread(batch.unprocessed().size(), batch.unprocessed().size()
                    + " resource(s) still in BatchGetResourceConfig's unprocessedResourceKeys after "
                    + BatchItemReader.ATTEMPTS + " attempts, e.g. " + batch.unprocessed().get(0));
        }
    }

    static boolean parametersMatch(RuleParameters fromEvent, Optional<String> inputParameters) {
        try {
            return RuleParametersJson.parse(inputParameters.orElse(null)).equals(fromEvent);
        } catch (BadInputException e) {
            return false;
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sweeping", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "sweep-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
