package dev.ecspublicip.resource;

import java.util.Optional;

/**
 * Which part of its service a task belongs to: the deployment or task set whose id is its
 * {@code startedBy}, and that one's standing in the service.
 *
 * @param id the deployment or task-set id, when the task has one
 * @param status the deployment's or task set's status as ECS gives it (PRIMARY, ACTIVE, DRAINING)
 */
public record TaskDeployment(Role role, Optional<String> id, Optional<String> status) {
    public enum Role {
        /** The service's PRIMARY deployment or task set. */
        PRIMARY,
        /** An older deployment or another task set, still running while it is replaced. */
        OLDER,
        /** A task of no service: RunTask from CI, a scheduler or an operator. */
        STANDALONE,
        /** A service's task whose startedBy names none of the deployments or task sets its service lists. */
        UNLISTED
    }

    public static final TaskDeployment STANDALONE =
            new TaskDeployment(Role.STANDALONE, Optional.empty(), Optional.empty());

    /** How an annotation names it. */
    public String describe() {
        return switch (role) {
            case PRIMARY -> "PRIMARY deployment " + id.orElse("");
            case OLDER -> "older deployment " + id.orElse("") + " (" + status.orElse("ACTIVE") + "), still draining";
            case STANDALONE -> "no service";
            case UNLISTED -> "a deployment its service no longer lists";
        };
    }
}
