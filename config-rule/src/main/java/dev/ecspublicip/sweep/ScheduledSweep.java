package dev.ecspublicip.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.ApiCallCounter;
import dev.ecspublicip.config.BatchItemReader;
import dev.ecspublicip.config.ConfigInventory;
import dev.ecspublicip.config.ConfigItemHistory;
import dev.ecspublicip.config.Evaluation;
import dev.ecspublicip.config.EvaluationPublisher;
import dev.ecspublicip.config.OverridingConfigClient;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * A periodic sweep of every resource in the rule's scope, for a ScheduledNotification. It streams: work on
 * the inventory starts with its first page and only keys are held, never all configuration items.
 *
 * <ol>
 *   <li>DescribeConfigRules once: the resource types in the rule's scope.
 *   <li>At the same time: ListDiscoveredResources for every type (pages of 100), and this rule's COMPLIANT
 *       and NON_COMPLIANT evaluations (GetComplianceDetailsByConfigRule, pages of 100, one pagination per
 *       compliance type).
 *   <li>While listing goes on, listed keys are read with BatchGetResourceConfig as soon as 100 are waiting
 *       (a few calls at once), judged, and put in calls of 100, OrderingTimestamp the notification time.
 *       Once the earlier evaluations are read, the keys still waiting go least recently judged first, so a
 *       run cut short by the time budget is continued by the next one.
 *   <li>At the end, only if both the inventory and the earlier evaluations were read completely: every
 *       evaluated resource no longer in the inventory gets NOT_APPLICABLE.
 * </ol>
 *
 * <p>Before the Lambda would time out, no new reads start, and calls in flight are cut at their deadline
 * ({@link TimeBudget}): what is judged is put, what is left is logged, and the run ends cleanly. One JSON
 * log line per run carries the counts. An AWS error that survives the SDK's retries stops new work the
 * same way, then fails the invocation after the log line.
 */
public final class ScheduledSweep {
    /** Batch reads (with their puts) under way at once, beside the listings; the SDK client is thread-safe. */
    static final int CONCURRENCY = 4;

    private static final Comparator<ResourceKey> BY_TYPE_AND_ID =
            Comparator.comparing(ResourceKey::resourceType).thenComparing(ResourceKey::resourceId);

    private final RuleEvent event;
    private final SweepEvaluator evaluator;
    private final Instant notificationTime;
    private final ConfigClient config;
    private final TimeBudget budget;
    private final ExecutorService pool;
    private final SweepReport report;
    private final EvaluationBatcher batcher;
    private final ListedKeys keys = new ListedKeys();
    private SweepJudge judge;

    private ScheduledSweep(
            RuleEvent event,
            SweepEvaluator evaluator,
            Instant notificationTime,
            ConfigClient config,
            TimeBudget budget,
            ExecutorService pool,
            SweepReport report,
            Consumer<Evaluation> onPut) {
        this.event = event;
        this.evaluator = evaluator;
        this.notificationTime = notificationTime;
        this.config = config;
        this.budget = budget;
        this.pool = pool;
        this.report = report;
        this.batcher = new EvaluationBatcher(
                new EvaluationPublisher(config, budget.puts()), event.resultToken(), onPut, report);
    }

    /**
     * Sweeps the rule named in the event; logs one JSON line and returns the same summary. Rule parameters
     * come from the event (what Config sent, as for change events); the rule's own InputParameters are only
     * compared with them, and a difference is reported in the log line.
     *
     * @param onPut told of every evaluation Config accepted
     * @param evaluator the rule, and the evaluations built from its verdicts
     */
    public static JsonObject run(
            RuleEvent event,
            InvokingEvent.Scheduled scheduled,
            ConfigClient client,
            Context context,
            Consumer<Evaluation> onPut,
            SweepEvaluator evaluator) {
        if (event.configRuleName() == null || event.configRuleName().isEmpty()) {
            throw new BadInputException(
                    "configRuleName", "is missing; a scheduled sweep reads the rule's scope by name");
        }
        long started = System.nanoTime();
        ApiCallCounter apiCalls = new ApiCallCounter();
        TimeBudget budget = new TimeBudget(context, TimeBudget.RESERVE_MILLIS);
        SweepReport report = new SweepReport(event.configRuleName(), scheduled.notificationCreationTime(), budget);
        ExecutorService pool = Executors.newCachedThreadPool(new WorkerThreads());
        ConfigClient bounded = OverridingConfigClient.withDeadlines(client, budget.reads(), budget.puts());
        ScheduledSweep sweep = new ScheduledSweep(
                event,
                evaluator,
                scheduled.notificationCreationTime(),
                OverridingConfigClient.metered(bounded, apiCalls),
                budget,
                pool,
                report,
                onPut);
        try {
            sweep.sweep();
        } catch (RuntimeException e) {
            report.failed(e);
        } finally {
            pool.shutdownNow();
        }
        sweep.batcher.flush();
        JsonObject summary = report.toJson(
                apiCalls,
                sweep.judge == null ? 0 : sweep.judge.tagLookups(),
                Duration.ofNanos(System.nanoTime() - started));
        context.getLogger().log(summary.toString());
        report.rethrowFailure();
        return summary;
    }

    private void sweep() {
        String ruleName = event.configRuleName();
        // The earlier evaluations need only the rule's name, and their pages (COMPLIANT and NON_COMPLIANT paged
        // at once) can be the longest chain of calls when most resources hold one: they start before the rule
        // is even described.
        Future<PriorEvaluations> priorRead = pool.submit(() -> {
            PriorEvaluations read = PriorEvaluations.read(config, ruleName, this::stopListing, pool);
            keys.priorRead(read);
            return read;
        });
        RuleScope scope = RuleScope.describe(config, ruleName);
        report.scope(scope.resourceTypes(), parametersMatch(event.parameters(), scope.inputParameters()));
        judge = new SweepJudge(evaluator, new ConfigItemHistory(config));

        List<Future<?>> listings = new ArrayList<>();
        keys.listingsStarted(scope.resourceTypes().size());
        for (String type : scope.resourceTypes()) {
            listings.add(pool.submit(() -> list(type, scope.resourceId())));
        }
        readAsListed();
        listings.forEach(ScheduledSweep::await);
        report.listed(keys.listedCount(), keys.listingComplete());
        keys.leftUnread().ifPresent(left -> report.left(left, report.hasFailed() ? "error" : "time budget"));
        PriorEvaluations prior = await(priorRead);
        report.priorEvaluations(prior.size(), prior.complete());
        if (prior.complete()) {
            clearStale(prior);
        }
    }

    private void list(String type, Optional<String> resourceId) {
        boolean complete = false;
        try {
            complete = ConfigInventory.list(config, type, resourceId, this::stopListing, this::listed);
        } catch (RuntimeException e) {
            report.failed(e);
        } finally {
            keys.listingEnded(complete);
        }
    }

    private boolean stopListing() {
        return budget.exhausted() || report.hasFailed();
    }

    /** A listing page: types judged without reading are judged now, the rest wait to be read. */
    private void listed(List<ResourceKey> page) {
        List<ResourceKey> toRead = new ArrayList<>(page.size());
        for (ResourceKey key : page) {
            if (ResourceKind.ofConfigType(key.resourceType()) == ResourceKind.OTHER) {
                // Its verdict does not depend on its configuration: no read needed.
                Evaluation evaluation = judge.judgeWithoutReading(key);
                report.judged(evaluation);
                batcher.add(evaluation);
            } else {
                toRead.add(key);
            }
        }
        keys.listed(page, toRead);
    }

    /**
     * Starts a batch read whenever a slot is free and 100 keys are waiting (or the last ones once listing is
     * over). The keys are chosen only then, so that as much as possible is known when choosing.
     */
    private void readAsListed() {
        Semaphore slots = new Semaphore(CONCURRENCY);
        try {
            while (true) {
                slots.acquireUninterruptibly();
                if (budget.exhausted() || report.hasFailed()) {
                    slots.release();
                    keys.stop();
                    return;
                }
                List<ResourceKey> chunk = new ArrayList<>(keys.nextBatch(BatchItemReader.MAX_KEYS));
                // Which keys a batch holds depends on timing; the order within it does not.
                chunk.sort(BY_TYPE_AND_ID);
                if (chunk.isEmpty()) {
                    slots.release();
                    return;
                }
                if (budget.exhausted() || report.hasFailed()) {
                    // Time ran out (or a call failed) while waiting for the inventory.
                    slots.release();
                    keys.giveBack(chunk);
                    keys.stop();
                    return;
                }
                pool.execute(() -> {
                    try {
                        readAndJudge(chunk);
                    } finally {
                        slots.release();
                    }
                });
            }
        } finally {
            slots.acquireUninterruptibly(CONCURRENCY);
        }
    }

    /**
     * Clears the evaluations of resources that are gone: those Config no longer returned when read, and,
     * only when the whole inventory was listed, every evaluated resource not in it.
     */
    private void clearStale(PriorEvaluations prior) {
        for (ResourceKey gone : keys.missing()) {
            clearIfStale(gone, prior.of(gone));
        }
        if (!keys.listingComplete()) {
            // Without the whole inventory nothing else can be called stale.
            return;
        }
        for (Map.Entry<ResourceKey, PriorEvaluations.Prior> entry : prior.all().entrySet()) {
            if (!keys.wasListed(entry.getKey())) {
                clearIfStale(entry.getKey(), Optional.of(entry.getValue()));
            }
        }
    }

    /**
     * Clears an evaluation whose resource is gone, unless it was ordered after this notification: then a
     * change event judged a resource created since the inventory was listed, and that verdict stands.
     */
    private void clearIfStale(ResourceKey key, Optional<PriorEvaluations.Prior> prior) {
        if (prior.isEmpty()
                || (prior.get().orderingTimestamp() != null
                        && prior.get().orderingTimestamp().isAfter(notificationTime))) {
            return;
        }
        batcher.add(evaluator.stale(key));
        report.staleCleared();
    }

    private void readAndJudge(List<ResourceKey> keysToRead) {
        int handled = 0;
        try {
            BatchItemReader.Batch batch = new BatchItemReader(config, budget.reads()).read(keysToRead);
            report.read(batch.items().size());
            for (BaseConfigurationItem item : batch.items()) {
                Evaluation evaluation;
                try {
                    evaluation = judge.judge(
                            item, "BatchGetResourceConfig." + item.resourceType() + "[" + item.resourceId() + "]");
                } catch (BadInputException | SweepJudge.UnreadableException unreadable) {
                    report.unread(1, unreadable.getMessage());
                    continue;
                } finally {
                    handled++;
                }
                report.judged(evaluation);
                batcher.add(evaluation);
            }
            keys.missing(batch.missing());
            handled += batch.missing().size();
            if (!batch.unprocessed().isEmpty()) {
                report.unread(
                        batch.unprocessed().size(),
                        batch.unprocessed().size()
                                + " resource(s) still in BatchGetResourceConfig's unprocessedResourceKeys after "
                                + BatchItemReader.ATTEMPTS + " attempts, e.g. "
                                + batch.unprocessed().get(0));
            }
        } catch (RuntimeException e) {
            report.failed(e);
            if (budget.ended(e)) {
                report.left(keysToRead.size() - handled, "time budget");
            }
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
