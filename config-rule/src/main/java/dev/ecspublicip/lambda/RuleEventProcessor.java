package dev.ecspublicip.lambda;

import dev.ecspublicip.config.ConfigItemHistory;
import dev.ecspublicip.config.EvaluationPublisher;
import dev.ecspublicip.event.InvokingEvent;
import dev.ecspublicip.event.RuleEvent;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.rule.Evaluation;
import dev.ecspublicip.rule.PublicIpRule;
import dev.ecspublicip.rule.Verdict;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.config.ConfigClient;

/** Turns one decoded rule event into evaluations and puts them to AWS Config. */
public final class RuleEventProcessor {
    private final Supplier<ConfigClient> config;

    public RuleEventProcessor(Supplier<ConfigClient> config) {
        this.config = config;
    }

    /** Judges the event's resource and puts the evaluation; returns what was put. */
    public List<Evaluation> process(RuleEvent event) {
        List<Evaluation> evaluations = evaluate(event);
        return new EvaluationPublisher(config.get()).put(event.resultToken(), evaluations);
    }

    private List<Evaluation> evaluate(RuleEvent event) {
        PublicIpRule rule = new PublicIpRule(event.parameters());
        InvokingEvent invoking = event.invokingEvent();
        if (invoking instanceof InvokingEvent.Change change) {
            return List.of(rule.evaluate(change.item(), event.eventLeftScope()));
        }
        if (invoking instanceof InvokingEvent.OversizedChange oversized) {
            return List.of(evaluateOversized(rule, oversized, event.eventLeftScope()));
        }
        // A ScheduledNotification names no resource: ConfigRuleHandler hands it to the sweep instead.
        throw new IllegalArgumentException(invoking.messageType() + " is swept by dev.ecspublicip.sweep.ScheduledSweep,"
                + " not processed per resource");
    }

    private Evaluation evaluateOversized(PublicIpRule rule, InvokingEvent.OversizedChange summary, boolean leftScope) {
        Verdict verdict;
        if (leftScope) {
            verdict = PublicIpRule.LEFT_SCOPE;
        } else {
            ConfigurationItem item = new ConfigItemHistory(config.get())
                    .itemAt(summary.resourceType(), summary.resourceId(), summary.captureTime());
            verdict = rule.judge(item.resource());
        }
        // Echo the summary's type and id: they are what Config sent.
        return new Evaluation(summary.resourceType(), summary.resourceId(), verdict, summary.captureTime());
    }
}
