package dev.ecspublicip.rule;

import dev.ecspublicip.resource.EcsResource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** A rule that judges on a UTC day, or on none when no judging time is known, with the exemptions its parameters give. */
abstract class DatedRule implements Rule {
    private final RuleParameters parameters;
    final Exemptions exemptions;

    DatedRule(RuleParameters parameters) {
        this.parameters = parameters;
        this.exemptions = new Exemptions(parameters);
    }

    /** Only a finding can be exempted by a tag; every other verdict ignores tags. */
    @Override
    public final boolean tagsCouldChange(Verdict verdict) {
        return verdict.compliance() == Compliance.NON_COMPLIANT
                && parameters.exemptionTagKey().isPresent();
    }

    /** The verdict on {@code day}, empty when unknown (see {@link Rule#judge(EcsResource)}). */
    abstract Verdict judge(EcsResource resource, Optional<LocalDate> day);

    @Override
    public final Verdict judge(EcsResource resource, Instant judgedAt) {
        return judge(resource, Optional.of(LocalDate.ofInstant(judgedAt, ZoneOffset.UTC)));
    }

    @Override
    public final Verdict judge(EcsResource resource) {
        return judge(resource, Optional.<LocalDate>empty());
    }
}
