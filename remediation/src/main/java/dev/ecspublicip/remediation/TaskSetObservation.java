package dev.ecspublicip.remediation;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * What one invocation saw of a task-set replacement in ECS: the service, the task set asked for (if ECS
 * still describes it) and every task set tagged as its replacement, as DescribeTaskSets reported them
 * (statuses, stability, running counts, tags). Nothing else is read to decide the next step.
 *
 * @param service the live, ACTIVE service
 * @param requestedId the id of the task set to replace, as the request named it
 * @param old the task set to replace; empty when ECS no longer describes it
 * @param marked the service's task sets tagged {@value TaskSetReplacement#MARKER_TAG}={@code requestedId},
 *     in every status DescribeTaskSets reports (PRIMARY, ACTIVE, DRAINING)
 */
record TaskSetObservation(Service service, String requestedId, Optional<TaskSet> old, List<TaskSet> marked) {
    static final String PRIMARY = "PRIMARY";
    static final String DRAINING = "DRAINING";

    TaskSetObservation {
        marked = List.copyOf(marked);
    }

    /** A service whose deployment controller has no task sets: nothing was described beyond the service. */
    static TaskSetObservation withoutTaskSets(Service service, String requestedId) {
        return new TaskSetObservation(service, requestedId, Optional.empty(), List.of());
    }

    DeploymentControllerType controller() {
        return EcsRemediation.controller(service);
    }

    /** The marked task sets that are not being deleted: at most one, unless someone made more. */
    List<TaskSet> replacements() {
        return marked.stream().filter(t -> !DRAINING.equals(t.status())).toList();
    }

    /** The replacement, when there is exactly one. */
    Optional<TaskSet> replacement() {
        List<TaskSet> replacements = replacements();
        return replacements.size() == 1 ? Optional.of(replacements.get(0)) : Optional.empty();
    }

    boolean oldIsPrimary() {
        return old.filter(t -> PRIMARY.equals(t.status())).isPresent();
    }

    /** The value of the marker tag on a task set described with its tags; null when it has none. */
    static String marker(TaskSet taskSet) {
        return taskSet.tags().stream()
                .filter(tag -> TaskSetReplacement.MARKER_TAG.equals(tag.key()))
                .map(Tag::value)
                .findFirst()
                .orElse(null);
    }
}
