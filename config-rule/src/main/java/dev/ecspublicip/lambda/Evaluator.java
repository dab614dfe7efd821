package dev.ecspublicip.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonObject;
import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.config.ConfigItemHistory;
import dev.ecspublicip.config.Evaluation;
import dev.ecspublicip.config.EvaluationPublisher;
import dev.ecspublicip.config.OverridingConfigClient;
import dev.ecspublicip.event.InvokingEvent;
import dev.ecspublicip.event.RuleEvent;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.rule.Rule;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import dev.ecspublicip.sweep.ScheduledSweep;
import dev.ecspublicip.sweep.SweepEvaluator;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * Turns one rule event into evaluations and puts them to AWS Config: the one place that tells the event
 * types apart, applies {@code eventLeftScope}, reads an oversized item from Config, and builds
 * {@link Evaluation}s (the sweep's included). The rule only judges resources.
 */
public final class Evaluator {
    /** Kept after a change event's calls for the handler's answer and log line. */
    static final long ANSWER_MILLIS = 500;

    private final Rule rule;

    public Evaluator(Rule rule) {
        this.rule = rule;
    }

    /** The evaluator of the rule with the event's parameters. */
    public static Evaluator of(RuleEvent event) {
        return new Evaluator(Rules.of(event.parameters()));
    }

    /**
     * Evaluates the event, puts the evaluations to {@code config}, and returns the handler's answer: counts
     * only, never a resource's id or annotation (whoever may invoke the function reads the answer; the
     * evaluations go to Config): how many were put, by resource type and compliance, or for a scheduled
     * sweep its summary's counts.
     *
     * @param onPut told of every evaluation Config accepted
     */
    public JsonObject evaluate(
            RuleEvent event, Supplier<ConfigClient> config, Context context, Consumer<Evaluation> onPut) {
        InvokingEvent invoking = event.invokingEvent();
        if (invoking instanceof InvokingEvent.Scheduled scheduled) {
            // The sweep's classes load only here, never on the change-event path; it bounds its own calls.
            return countsOnly(Sweep.run(this, event, scheduled, config.get(), context, onPut));
        }
        CallDeadline deadline = CallDeadline.before(context, ANSWER_MILLIS);
        Supplier<ConfigClient> bounded = () -> OverridingConfigClient.withDeadlines(config.get(), deadline, deadline);
        Evaluation evaluation;
        if (invoking instanceof InvokingEvent.Change change) {
            evaluation = change(change, event.eventLeftScope());
        } else {
            InvokingEvent.OversizedChange oversized = (InvokingEvent.OversizedChange) invoking;
            evaluation = event.eventLeftScope()
                    ? leftScope(oversized.key(), oversized.captureTime())
                    : ofItem(
                            oversized.key(),
                            new ConfigItemHistory(bounded.get())
                                    .itemAt(oversized.key(), oversized.captureTime())
                                    .resource(),
                            oversized.captureTime());
        }
        new EvaluationPublisher(bounded.get(), deadline).put(event.resultToken(), List.of(evaluation));
        context.getLogger().log("Put evaluation " + evaluation.toJson());
        onPut.accept(evaluation);
        JsonObject byCompliance = new JsonObject();
        byCompliance.addProperty(evaluation.verdict().compliance().name(), 1);
        JsonObject verdicts = new JsonObject();
        verdicts.add(evaluation.key().resourceType(), byCompliance);
        JsonObject response = new JsonObject();
        response.addProperty("evaluationsPut", 1);
        response.add("verdicts", verdicts);
        return response;
    }

    /** The sweep's summary without what names a resource (the first unread one, an error's message). */
    private static JsonObject countsOnly(JsonObject summary) {
        JsonObject counts = summary.deepCopy();
        counts.remove("firstUnread");
        counts.remove("error");
        return counts;
    }

    /** The evaluation of a configuration-change event, ordered by the item's capture time; puts nothing. */
    public Evaluation change(InvokingEvent.Change change, boolean eventLeftScope) {
        ConfigurationItem item = change.item();
        return eventLeftScope
                ? leftScope(item.resource().key(), item.captureTime())
                : ofItem(item.resource().key(), item.resource(), item.captureTime());
    }

    private Evaluation leftScope(ResourceKey key, Instant captureTime) {
        return new Evaluation(key, Rule.LEFT_SCOPE, captureTime);
    }

    /** Echoes the key the event gave (for an oversized item, the summary's: what Config sent). */
    private Evaluation ofItem(ResourceKey key, EcsResource resource, Instant captureTime) {
        return new Evaluation(key, rule.judge(resource, captureTime), captureTime);
    }

    /**
     * A sweep's evaluations, ordered by the notification time. Started from here, not from
     * {@link #evaluate}, so that verifying this class never loads the sweep's.
     */
    private static final class Sweep implements SweepEvaluator {
        private final Rule rule;
        private final Instant notificationTime;

        private Sweep(Rule rule, Instant notificationTime) {
            this.rule = rule;
            this.notificationTime = notificationTime;
        }

        static JsonObject run(
                Evaluator evaluator,
                RuleEvent event,
                InvokingEvent.Scheduled scheduled,
                ConfigClient config,
                Context context,
                Consumer<Evaluation> onPut) {
            Sweep sweep = new Sweep(evaluator.rule, scheduled.notificationCreationTime());
            return ScheduledSweep.run(event, scheduled, config, context, onPut, sweep);
        }

        @Override
        public Rule rule() {
            return rule;
        }

        @Override
        public Instant judgedAt() {
            return notificationTime;
        }

        @Override
        public Evaluation judged(EcsResource resource, Verdict verdict) {
            return new Evaluation(resource.key(), verdict, notificationTime);
        }

        @Override
        public Evaluation stale(ResourceKey key) {
            return new Evaluation(key, Rule.NOT_IN_INVENTORY, notificationTime);
        }
    }
}
