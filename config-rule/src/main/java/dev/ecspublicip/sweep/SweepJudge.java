package dev.ecspublicip.sweep;

import dev.ecspublicip.config.ConfigItemHistory;
import dev.ecspublicip.config.ConfigurationItemParser;
import dev.ecspublicip.config.Evaluation;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.rule.Rule;
import dev.ecspublicip.rule.Verdict;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;

/**
 * Judges what a sweep reads with the same rule and parameters as change events.
 *
 * <p>BatchGetResourceConfig returns no tags. Where the rule says a verdict could change with tags (e.g. an
 * exemption tag on what would be NON_COMPLIANT), the item is read again with GetResourceConfigHistory as
 * of the same capture time (that call returns tags) and judged from that: the verdict is then the one a
 * change event for the same item gets. Every other verdict costs no extra call.
 */
final class SweepJudge {
    /** A resource that could not be read well enough to judge; it is left for the next run, never guessed at. */
    static final class UnreadableException extends RuntimeException {
        UnreadableException(String message) {
            super(message);
        }
    }

    private final SweepEvaluator evaluator;
    private final Rule rule;
    private final ConfigItemHistory history;
    private final LongAdder tagLookups = new LongAdder();

    SweepJudge(SweepEvaluator evaluator, ConfigItemHistory history) {
        this.evaluator = evaluator;
        this.rule = evaluator.rule();
        this.history = history;
    }

    Evaluation judge(BaseConfigurationItem item, String path) {
        ConfigurationItem read = ConfigurationItemParser.parse(item, path);
        EcsResource resource = read.resource();
        Verdict verdict = rule.judge(resource, evaluator.judgedAt());
        if (rule.tagsCouldChange(verdict)) {
            resource = withRecordedTags(read);
            verdict = rule.judge(resource, evaluator.judgedAt());
        }
        return evaluator.judged(resource, verdict);
    }

    /** A resource of a type outside the two this rule judges: its verdict needs nothing read. */
    Evaluation judgeWithoutReading(ResourceKey key) {
        EcsResource resource = EcsResource.keyOnly(key);
        return evaluator.judged(resource, rule.judge(resource, evaluator.judgedAt()));
    }

    long tagLookups() {
        return tagLookups.sum();
    }

    private EcsResource withRecordedTags(ConfigurationItem read) {
        EcsResource resource = read.resource();
        tagLookups.increment();
        ConfigurationItem withTags;
        try {
            withTags = history.itemAt(resource.key(), read.captureTime());
        } catch (IllegalStateException noItem) {
            throw new UnreadableException(noItem.getMessage());
        }
        if (!withTags.captureTime().equals(read.captureTime())) {
            throw new UnreadableException("AWS Config's history of " + resource.resourceType() + " "
                    + resource.resourceId() + " has no item captured at " + read.captureTime()
                    + ", so its tags are unknown");
        }
        return withTags.resource();
    }
}
