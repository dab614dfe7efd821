package dev.ecspublicip.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/** One invocation's progress: the calls made so far, notes for the reason, and how it ends. */
final class Run {
    /** The ECS calls that change something; any other call of the remediation only reads. */
    private static final Set<String> CHANGES =
            Set.of("UpdateService", "CreateTaskSet", "UpdateServicePrimaryTaskSet", "DeleteTaskSet");

    private final RemediationRequest request;
    private final InputNames names;
    private final IntSupplier remainingMillis;
    private final Timing timing;
    private final Consumer<String> log;
    private final List<Action> actions = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Optional<String> resourceArn = Optional.empty();
    private Optional<String> replacementArn = Optional.empty();

    Run(
            RemediationRequest request,
            InputNames names,
            IntSupplier remainingMillis,
            Timing timing,
            Consumer<String> log) {
        this.request = request;
        this.names = names;
        this.remainingMillis = remainingMillis;
        this.timing = timing;
        this.log = log;
    }

    boolean dryRun() {
        return request.dryRun();
    }

    /** How the caller names the inputs, for reasons that tell what to set. */
    InputNames names() {
        return names;
    }

    boolean allowEgressLoss() {
        return request.allowEgressLoss();
    }

    void resource(String arn) {
        resourceArn = Optional.ofNullable(arn);
    }

    void replacement(String arn) {
        replacementArn = Optional.ofNullable(arn);
    }

    /** A sentence added to the reason of every outcome but REFUSED (e.g. how egress is kept). */
    void note(String sentence) {
        notes.add(sentence);
    }

    /** Logs a step that is worth reading later but changes nothing. */
    void log(String line) {
        log.accept(line);
    }

    /** Records a call that was made, and logs it at once, so a timed-out invocation still shows it. */
    void done(Action action) {
        actions.add(action);
        log.accept("Called " + action.call() + " on " + action.target() + ": " + action.detail());
    }

    boolean hasTimeForChanges() {
        return remainingMillis.getAsInt() >= timing.minMillisForChanges();
    }

    RemediationResult outOfTime() {
        return finish(
                Outcome.IN_PROGRESS,
                "Too little invocation time was left to start the next change safely;"
                        + " invoke again to continue from here.");
    }

    /**
     * The invocation's deadline ended {@code operation}: it was not sent, or it did not answer in time.
     * IN_PROGRESS either way, so the runbook invokes again; the next invocation reads ECS afresh and
     * continues from what it finds (every step is safe to repeat).
     */
    RemediationResult cutShort(String operation, boolean sent) {
        String what = !sent
                ? operation + " was not called: the invocation's time was used up."
                : CHANGES.contains(operation)
                        ? operation + " did not answer before the invocation's deadline; it may have taken effect."
                        : operation + " did not answer before the invocation's deadline; nothing was changed by it.";
        return finish(Outcome.IN_PROGRESS, what + " Invoke again: the next run reads ECS and continues from there.");
    }

    RemediationResult plan(List<Action> planned, String reason) {
        actions.clear();
        actions.addAll(planned);
        return finish(Outcome.PLANNED, "Dry run, nothing was changed. " + reason);
    }

    RemediationResult finish(Outcome outcome, String reason) {
        StringBuilder text = new StringBuilder(reason);
        if (outcome != Outcome.REFUSED) {
            notes.forEach(note -> text.append(' ').append(note));
        }
        return new RemediationResult(
                outcome,
                request.resourceType(),
                request.resourceId(),
                resourceArn,
                replacementArn,
                request.dryRun(),
                actions,
                text.toString());
    }
}
