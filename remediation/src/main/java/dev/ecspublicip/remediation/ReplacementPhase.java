package dev.ecspublicip.remediation;

import java.util.Optional;

/**
 * Where a task-set replacement stands. Three phases act on ECS; every other one ends the invocation
 * with its outcome and changes nothing.
 */
enum ReplacementPhase {
    /** No replacement yet: CreateTaskSet, after the egress pre-flight. */
    CREATE_REPLACEMENT(null),
    /** The replacement is not yet STEADY_STATE with its tasks running; the old one keeps serving. */
    WAIT_FOR_STEADY(Outcome.IN_PROGRESS),
    /** The replacement serves and the old task set is primary: UpdateServicePrimaryTaskSet, then delete the old. */
    PROMOTE(null),
    /** The replacement serves and the old task set is not primary: DeleteTaskSet of the old one. */
    DELETE_OLD(null),
    /** The old task set is gone or draining and its replacement exists. */
    DONE(Outcome.REMEDIATED),
    ALREADY_COMPLIANT(Outcome.ALREADY_COMPLIANT),
    NOT_APPLICABLE(Outcome.NOT_APPLICABLE),
    REFUSED_ECS_CONTROLLER(Outcome.REFUSED),
    REFUSED_CODE_DEPLOY(Outcome.REFUSED),
    REFUSED_SEVERAL_REPLACEMENTS(Outcome.REFUSED),
    REFUSED_NOTHING_TO_REPLACE(Outcome.REFUSED),
    REFUSED_REPLACEMENT_BEING_DELETED(Outcome.REFUSED),
    REFUSED_TOO_MANY_TAGS(Outcome.REFUSED),
    REFUSED_NOT_STEADY(Outcome.REFUSED);

    private final Outcome ends;

    ReplacementPhase(Outcome ends) {
        this.ends = ends;
    }

    /** The outcome this phase ends the invocation with, without a call; empty for the phases that act. */
    Optional<Outcome> ends() {
        return Optional.ofNullable(ends);
    }
}
