package dev.ecspublicip.config;

import dev.ecspublicip.resource.ResourceKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ComplianceType;
import software.amazon.awssdk.services.config.model.EvaluationMode;
import software.amazon.awssdk.services.config.model.EvaluationResult;
import software.amazon.awssdk.services.config.model.EvaluationResultQualifier;

/**
 * The COMPLIANT and NON_COMPLIANT evaluations this rule holds in AWS Config (GetComplianceDetailsByConfigRule):
 * the ones whose resource left the inventory are cleared, and the rest tell which resources were judged
 * least recently. NOT_APPLICABLE ones are not read: they cannot mislead anyone.
 */
public final class PriorEvaluations {
    /** GetComplianceDetailsByConfigRule's largest page (its default is 10). */
    public static final int PAGE_SIZE = 100;

    /** When the evaluation was ordered (its OrderingTimestamp) and when Config recorded it. */
    public record Prior(Instant orderingTimestamp, Instant recordedTime) {}

    private final Map<ResourceKey, Prior> byResource;
    private final boolean complete;

    private PriorEvaluations(Map<ResourceKey, Prior> byResource, boolean complete) {
        this.byResource = byResource;
        this.complete = complete;
    }

    /**
     * Reads the COMPLIANT and the NON_COMPLIANT evaluations as two paginations at once, one per value of the
     * request's ComplianceTypes filter: pages follow one another only within a pagination, so the chain of
     * calls that must wait for each other is the longer of the two rather than their sum. It costs at most
     * one call more than a single pagination of both (two partial last pages instead of one).
     *
     * @param executor runs the NON_COMPLIANT pagination; the COMPLIANT one runs on the calling thread
     */
    public static PriorEvaluations read(ConfigClient config, String ruleName, PageBudget budget, Executor executor) {
        CompletableFuture<PriorEvaluations> nonCompliant = CompletableFuture.supplyAsync(
                () -> readOf(config, ruleName, ComplianceType.NON_COMPLIANT, budget), executor);
        PriorEvaluations compliant = readOf(config, ruleName, ComplianceType.COMPLIANT, budget);
        PriorEvaluations other;
        try {
            other = nonCompliant.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        Map<ResourceKey, Prior> byResource = new HashMap<>(compliant.byResource);
        // A resource judged again while both were paged can show up in both: its later evaluation is the one held.
        other.byResource.forEach((key, prior) -> byResource.merge(key, prior, PriorEvaluations::later));
        return new PriorEvaluations(byResource, compliant.complete && other.complete);
    }

    private static Prior later(Prior a, Prior b) {
        if (a.recordedTime() == null) {
            return b;
        }
        return b.recordedTime() != null && b.recordedTime().isAfter(a.recordedTime()) ? b : a;
    }

    /** One pagination: the evaluations of one compliance type. */
    static PriorEvaluations readOf(ConfigClient config, String ruleName, ComplianceType type, PageBudget budget) {
        Map<ResourceKey, Prior> byResource = new HashMap<>();
        boolean complete = budget.forEachPage(
                config.getComplianceDetailsByConfigRulePaginator(request ->
                        request.configRuleName(ruleName).complianceTypes(type).limit(PAGE_SIZE)),
                page -> {
                    for (EvaluationResult result : page.evaluationResults()) {
                        add(byResource, result);
                    }
                });
        return new PriorEvaluations(byResource, complete);
    }

    private static void add(Map<ResourceKey, Prior> byResource, EvaluationResult result) {
        if (result.evaluationResultIdentifier() == null
                || result.evaluationResultIdentifier().evaluationResultQualifier() == null) {
            return;
        }
        EvaluationResultQualifier qualifier =
                result.evaluationResultIdentifier().evaluationResultQualifier();
        if (qualifier.evaluationMode() == EvaluationMode.PROACTIVE) {
            return; // proactive results concern resources not yet deployed
        }
        Instant ordering = result.evaluationResultIdentifier().orderingTimestamp();
        Instant recorded = result.resultRecordedTime() != null ? result.resultRecordedTime() : ordering;
        byResource.put(
                new ResourceKey(qualifier.resourceType(), qualifier.resourceId()), new Prior(ordering, recorded));
    }

    public Map<ResourceKey, Prior> all() {
        return byResource;
    }

    public Optional<Prior> of(ResourceKey key) {
        return Optional.ofNullable(byResource.get(key));
    }

    public int size() {
        return byResource.size();
    }

    public boolean complete() {
        return complete;
    }
}
