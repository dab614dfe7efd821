package dev.ecspublicip.remediation;

/** How a remediation ended. The runbook re-invokes the function while it reports {@link #IN_PROGRESS}. */
public enum Outcome {
    /** The change was made: the resource no longer assigns public IPs (or its replacement does not). */
    REMEDIATED,
    /** The live resource already has {@code assignPublicIp} DISABLED or absent; nothing was changed. */
    ALREADY_COMPLIANT,
    /** The resource has no awsvpc networking of its own (bridge/host mode, or an EXTERNAL service). */
    NOT_APPLICABLE,
    /** A task-set replacement is under way; invoke again (it resumes where it stopped). */
    IN_PROGRESS,
    /** Dry run: everything was checked; the actions are the calls a real run would make. */
    PLANNED,
    /** Nothing was changed, for the reason given (unsafe, unsupported, or not in a changeable state). */
    REFUSED
}
