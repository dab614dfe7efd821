package dev.ecspublicip.rule;

import dev.ecspublicip.resource.EcsResource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** A rule that judges on a UTC day, or on none when no judging time is known. */
abstract class DatedRule implements Rule {
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
