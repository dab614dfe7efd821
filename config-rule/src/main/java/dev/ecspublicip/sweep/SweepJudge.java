package dev.ecspublicip.sweep;

import dev.ecspublicip.config.ConfigItemHistory;
import dev.ecspublicip.config.ConfigItemJson;
import dev.ecspublicip.resource.ConfigurationItem;
import dev.ecspublicip.resource.ConfigurationItemParser;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Evaluation;
import dev.ecspublicip.rule.PublicIpRule;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Verdict;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.config.model.BaseConfigurationItem;

/**
 * Judges what a sweep reads with the same rule core and parameters as change events, ordered by the
 * notification time.
 *
 * <p>BatchGetResourceConfig returns no tags. With an {@code exemptionTagKey}, a resource the rule would
 * find NON_COMPLIANT may be exempt by a tag the batch item does not show, so its item is read again with
 * GetResourceConfigHistory as of the same capture time (that call returns tags) and judged from that: the
 * verdict is then the one a change event for the same item gets. Only would-be NON_COMPLIANT resources
 * cost this extra call; every other verdict does not depend on tags.
 */
final class SweepJudge {
    /** A resource that could not be read well enough to judge; it is left for the next run, never guessed at. */
    static final class UnreadableException extends RuntimeException {
        UnreadableException(String message) {
            super(message);
        }
    }

    private final PublicIpRule rule;
    private final Optional<String> exemptionTagKey;
    private final ConfigItemHistory history;
    private final Instant orderingTimestamp;
    private final LongAdder tagLookups = new LongAdder();

    SweepJudge(RuleParameters parameters, ConfigItemHistory history, Instant orderingTimestamp) {
        this.rule = new PublicIpRule(parameters);
        this.exemptionTagKey = parameters.exemptionTagKey();
        this.history = history;
        this.orderingTimestamp = orderingTimestamp;
    }

    Evaluation judge(BaseConfigurationItem item, String path) {
        ConfigurationItem read = ConfigurationItemParser.parse(ConfigItemJson.of(item), path);
        EcsResource resource = read.resource();
        Verdict verdict = rule.judge(resource);
        if (verdict.compliance() == Compliance.NON_COMPLIANT && exemptionTagKey.isPresent()
                && !resource.tags().containsKey(exemptionTagKey.get())) {
            resource = withRecordedTags(read);
            verdict = rule.judge(resource);
        }
        return new Evaluation(resource.resourceType(), resource.resourceId(), verdict, orderingTimestamp);
    }

    /** A resource of a type outside the two this rule judges: NOT_APPLICABLE whatever its configuration. */
    Evaluation judgeWithoutReading(ResourceKey key) {
        EcsResource resource = new EcsResource(ResourceKind.OTHER, key.resourceType(),
                key.resourceId(), Optional.empty(), Optional.empty(), Presence.RECORDED, Optional.empty(), Map.of());
        return rule.evaluate(resource, orderingTimestamp);
    }

    long tagLookups() {
        return tagLookups.sum();
    }

    private EcsResource withRecordedTags(ConfigurationItem read) {
        EcsResource resource = read.resource();
        tagLookups.increment();
        ConfigurationItem withTags;
        try {
            withTags = history.itemAt(resource.resourceType(), resource.resourceId(), read.captureTime());
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
