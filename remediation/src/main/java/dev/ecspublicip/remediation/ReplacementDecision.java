package dev.ecspublicip.remediation;

import static dev.ecspublicip.remediation.TaskSetObservation.DRAINING;

import dev.ecspublicip.ecs.EcsApiResources;
import dev.ecspublicip.rule.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * The phase a task-set replacement is in, decided from one observation alone: no I/O, and the time is
 * given. The reason is the one the invocation ends with when the phase does not act.
 */
record ReplacementDecision(ReplacementPhase phase, String reason) {
    static ReplacementDecision of(TaskSetObservation seen, Instant now) {
        String id = seen.requestedId();
        String serviceArn = seen.service().serviceArn();
        DeploymentControllerType controller = seen.controller();
        if (controller == DeploymentControllerType.ECS) {
            return decide(
                    ReplacementPhase.REFUSED_ECS_CONTROLLER,
                    "Service " + serviceArn + " uses the ECS deployment"
                            + " controller, which has no task sets; remediate the service (AWS::ECS::Service) instead.");
        }
        List<TaskSet> replacements = seen.replacements();
        if (replacements.size() > 1) {
            return decide(
                    ReplacementPhase.REFUSED_SEVERAL_REPLACEMENTS,
                    "Found " + replacements.size()
                            + " task sets tagged " + TaskSetReplacement.MARKER_TAG + "=" + id
                            + "; expected at most one. Delete the extra ones, then rerun.");
        }
        Optional<TaskSet> replacement = seen.replacement();
        if (seen.old().isEmpty() || DRAINING.equals(seen.old().get().status())) {
            String state = seen.old().isEmpty() ? "no longer exists" : "is DRAINING";
            return replacement.isPresent()
                    ? decide(
                            ReplacementPhase.DONE,
                            "Task set " + id + " " + state + "; its replacement "
                                    + replacement.get().taskSetArn() + " does not assign public IPs.")
                    : decide(
                            ReplacementPhase.REFUSED_NOTHING_TO_REPLACE,
                            "Task set " + id + " of service " + serviceArn + " " + state
                                    + "; there is nothing to replace.");
        }
        TaskSet old = seen.old().get();
        Verdict verdict = EcsRemediation.RULE.judge(EcsApiResources.of(old));
        switch (verdict.compliance()) {
            case COMPLIANT:
                return decide(ReplacementPhase.ALREADY_COMPLIANT, verdict.annotation() + " Nothing was changed.");
            case NOT_APPLICABLE:
                return decide(ReplacementPhase.NOT_APPLICABLE, verdict.annotation());
            case NON_COMPLIANT:
                break;
        }
        if (controller == DeploymentControllerType.CODE_DEPLOY || "CODE_DEPLOY".equals(old.startedBy())) {
            return decide(
                    ReplacementPhase.REFUSED_CODE_DEPLOY,
                    "Task set " + old.taskSetArn() + " belongs to a" + " CodeDeploy deployment. "
                            + EcsRemediation.CODE_DEPLOY_GUIDANCE);
        }
        if (replacement.isEmpty()) {
            if (!seen.marked().isEmpty()) {
                return decide(
                        ReplacementPhase.REFUSED_REPLACEMENT_BEING_DELETED,
                        "An earlier replacement of "
                                + old.taskSetArn() + " (" + seen.marked().get(0).taskSetArn()
                                + ") is being deleted; rerun once it is gone.");
            }
            int tags = replacementTags(old).size();
            if (tags > TaskSetReplacement.MAX_TAGS) {
                return decide(
                        ReplacementPhase.REFUSED_TOO_MANY_TAGS,
                        "Task set " + old.taskSetArn() + " has "
                                + (tags - 1) + " tags; its replacement needs one more (" + TaskSetReplacement.MARKER_TAG
                                + ") and ECS allows " + TaskSetReplacement.MAX_TAGS + ".");
            }
            return decide(ReplacementPhase.CREATE_REPLACEMENT, "No replacement of " + old.taskSetArn() + " yet.");
        }
        TaskSet next = replacement.get();
        if (!serves(next, old)) {
            Duration waited = next.createdAt() == null ? Duration.ZERO : Duration.between(next.createdAt(), now);
            String running = "running " + next.runningCount() + " of " + next.computedDesiredCount() + " tasks";
            if (waited.compareTo(TaskSetReplacement.MAX_STABILIZING) > 0) {
                return decide(
                        ReplacementPhase.REFUSED_NOT_STEADY,
                        "Replacement " + next.taskSetArn() + " has not"
                                + " reached STEADY_STATE " + waited.toMinutes() + " minutes after its creation ("
                                + running
                                + "). It is left in place and " + old.taskSetArn()
                                + " is unchanged; find out why its tasks"
                                + " do not stabilise, then rerun or delete it.");
            }
            return decide(
                    ReplacementPhase.WAIT_FOR_STEADY,
                    "Waiting for replacement " + next.taskSetArn()
                            + " to reach STEADY_STATE (" + running + "); " + old.taskSetArn()
                            + " keeps serving until then. Invoke again to continue.");
        }
        return seen.oldIsPrimary()
                ? decide(
                        ReplacementPhase.PROMOTE,
                        "Replacement " + next.taskSetArn() + " serves; " + old.taskSetArn() + " is primary.")
                : decide(
                        ReplacementPhase.DELETE_OLD,
                        "Replacement " + next.taskSetArn() + " serves; " + old.taskSetArn() + " is not primary.");
    }

    /**
     * The replacement serves: STEADY_STATE as DescribeTaskSets reports it, and tasks running if the old
     * task set had any (a task set whose desired count is still 0 is trivially steady).
     */
    static boolean serves(TaskSet next, TaskSet old) {
        boolean oldRuns = old.runningCount() != null && old.runningCount() > 0;
        boolean nextRuns = next.runningCount() != null && next.runningCount() > 0;
        return next.stabilityStatus() == StabilityStatus.STEADY_STATE && (!oldRuns || nextRuns);
    }

    /** The old task set's tags that may be set (not {@code aws:}), and the marker. */
    static List<Tag> replacementTags(TaskSet old) {
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : old.tags()) {
            if (tag.key() != null
                    && !tag.key().toLowerCase(Locale.ROOT).startsWith("aws:")
                    && !TaskSetReplacement.MARKER_TAG.equals(tag.key())) {
                tags.add(tag);
            }
        }
        tags.add(
                Tag.builder().key(TaskSetReplacement.MARKER_TAG).value(old.id()).build());
        return tags;
    }

    private static ReplacementDecision decide(ReplacementPhase phase, String reason) {
        return new ReplacementDecision(phase, reason);
    }
}
