package dev.ecspublicip.sweep;

import dev.ecspublicip.config.Evaluation;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.rule.Rule;
import dev.ecspublicip.rule.Verdict;
import java.time.Instant;

/**
 * What a sweep needs from the evaluator: the rule to judge with, and the evaluations, which the evaluator
 * builds (ordered by the notification time). The sweep itself only reads, orders, batches and reports.
 */
public interface SweepEvaluator {
    Rule rule();

    /** The time the sweep judges on (the notification's): the day exemption expiries are compared with. */
    Instant judgedAt();

    /** The evaluation of a resource the sweep read and judged. */
    Evaluation judged(EcsResource resource, Verdict verdict);

    /** NOT_APPLICABLE for a resource this rule evaluated that is no longer in the inventory. */
    Evaluation stale(ResourceKey key);
}
