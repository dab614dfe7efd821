package dev.ecspublicip.remediation;

import dev.ecspublicip.ecs.EcsApiResources;
import dev.ecspublicip.ecs.TaskExposureReader;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.RunningTask;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;
import software.amazon.awssdk.services.ecs.model.TaskSetNotFoundException;

/**
 * A task set of an EXTERNAL-controller service. UpdateTaskSet can only change scale, so the task set is
 * replaced: CreateTaskSet with the same settings and {@code assignPublicIp} DISABLED, wait (over later
 * invocations) until DescribeTaskSets shows the replacement STEADY_STATE with its tasks running, make it
 * primary if the old one was, then delete the old one.
 *
 * <p>Each invocation observes ECS once ({@link TaskSetObservation}), decides the phase from that alone
 * ({@link ReplacementDecision}, pure), and takes the one step of that phase. The replacement carries the
 * tag {@value #MARKER_TAG} naming the task set it replaces, and is created with a client token derived
 * from the old task set's ARN. A rerun, or a second execution running at the same time, finds it by that
 * tag (or gets it back for the token) and continues; it never creates a second one, and the old task set
 * is never deleted before the replacement is steady.
 */
final class TaskSetReplacement extends EcsRemediation {
    static final String MARKER_TAG = "ecs-public-ip-rule:replaces";
    /** How long a replacement may stay STABILIZING before the remediation gives up waiting on it. */
    static final Duration MAX_STABILIZING = Duration.ofMinutes(90);

    static final int MAX_TAGS = 50;
    /** Client tokens tried when earlier ones lead to replacements deleted since. */
    static final int MAX_TOKEN_GENERATIONS = 5;

    private static final String INACTIVE = "INACTIVE";

    private final Clock clock;

    TaskSetReplacement(EcsClient ecs, EgressCheck egress, TaskExposureReader tasks, Run run, Clock clock) {
        super(ecs, egress, tasks, run);
        this.clock = clock;
    }

    @Override
    RemediationResult remediate(EcsTarget target) {
        Lookup<Service> lookup = service(target);
        if (lookup.stop().isPresent()) {
            return lookup.stop().get();
        }
        TaskSetObservation seen =
                observe(lookup.value().orElseThrow(), target.taskSetId().orElseThrow());
        seen.old().ifPresent(t -> run.resource(t.taskSetArn()));
        seen.replacement().ifPresent(t -> run.replacement(t.taskSetArn()));
        ReplacementDecision decision = ReplacementDecision.of(seen, clock.instant());
        return switch (decision.phase()) {
            case CREATE_REPLACEMENT -> createReplacement(seen);
            case WAIT_FOR_STEADY ->
                run.dryRun() ? planRemaining(seen) : run.finish(Outcome.IN_PROGRESS, decision.reason());
            case PROMOTE -> promote(seen);
            case DELETE_OLD -> deleteOld(seen);
            case DONE -> finished(seen, decision.reason());
            case ALREADY_COMPLIANT,
                    NOT_APPLICABLE,
                    REFUSED_ECS_CONTROLLER,
                    REFUSED_CODE_DEPLOY,
                    REFUSED_SEVERAL_REPLACEMENTS,
                    REFUSED_NOTHING_TO_REPLACE,
                    REFUSED_REPLACEMENT_BEING_DELETED,
                    REFUSED_TOO_MANY_TAGS,
                    REFUSED_NOT_STEADY -> run.finish(decision.phase().ends().orElseThrow(), decision.reason());
        };
    }

    /**
     * The service's task sets as DescribeTaskSets reports them, with tags: the one asked for (even if the
     * service no longer lists it) and those tagged as its replacement. A service under the ECS
     * controller has no task sets, so nothing is described.
     */
    private TaskSetObservation observe(Service service, String id) {
        if (controller(service) == DeploymentControllerType.ECS) {
            return TaskSetObservation.withoutTaskSets(service, id);
        }
        Set<String> ids = new LinkedHashSet<>();
        service.taskSets().forEach(t -> ids.add(t.taskSetArn()));
        if (service.taskSets().stream().noneMatch(t -> id.equals(t.id()) || id.equals(t.taskSetArn()))) {
            ids.add(id);
        }
        List<TaskSet> taskSets = ecs.describeTaskSets(request -> request.cluster(service.clusterArn())
                        .service(service.serviceArn())
                        .taskSets(ids)
                        .include(TaskSetField.TAGS))
                .taskSets();
        Optional<TaskSet> old = taskSets.stream()
                .filter(t -> id.equals(t.id()) || id.equals(t.taskSetArn()))
                .findFirst();
        List<TaskSet> marked = taskSets.stream()
                .filter(t -> id.equals(TaskSetObservation.marker(t)))
                .toList();
        return new TaskSetObservation(service, id, old, marked);
    }

    /** CREATE_REPLACEMENT: the egress pre-flight, then CreateTaskSet; the invocation ends IN_PROGRESS. */
    private RemediationResult createReplacement(TaskSetObservation seen) {
        Service service = seen.service();
        TaskSet old = seen.old().orElseThrow();
        AwsvpcNetwork network = EcsApiResources.of(old).awsvpc().orElseThrow();
        Optional<RemediationResult> refusal = egressRefusal(network.subnets(), old.taskSetArn(), old.taskDefinition());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        CreateTaskSetRequest create =
                replacementRequest(service, old, network, ReplacementDecision.replacementTags(old));
        Action createAction = new Action("ecs:CreateTaskSet", service.serviceArn(), describe(create, old));
        if (run.dryRun()) {
            List<Action> plan = new ArrayList<>(List.of(createAction));
            plan.addAll(afterCreation(service, old, "the replacement", seen.oldIsPrimary()));
            return run.plan(plan, "A real run would make these calls, across several invocations.");
        }
        if (!run.hasTimeForChanges()) {
            return run.outOfTime();
        }
        Optional<TaskSet> created = create(create, old);
        if (created.isEmpty()) {
            return run.finish(
                    Outcome.REFUSED,
                    "ECS answered each of " + MAX_TOKEN_GENERATIONS + " client tokens"
                            + " for replacing " + old.taskSetArn() + " with a replacement that has been deleted since;"
                            + " nothing was created. Replace the task set by hand: CreateTaskSet with assignPublicIp"
                            + " DISABLED and a new client token, then UpdateServicePrimaryTaskSet and DeleteTaskSet.");
        }
        run.done(new Action(
                createAction.call(),
                createAction.target(),
                "created " + created.get().taskSetArn() + ": " + createAction.detail()));
        run.replacement(created.get().taskSetArn());
        // CreateTaskSet's answer is not the replacement's settled state: only a later DescribeTaskSets is.
        return run.finish(
                Outcome.IN_PROGRESS,
                "Created replacement " + created.get().taskSetArn() + "; "
                        + old.taskSetArn() + " keeps serving until DescribeTaskSets shows the replacement STEADY_STATE"
                        + " with its tasks running. Invoke again to continue.");
    }

    /** PROMOTE: the replacement becomes primary, as the old one was; then the old one is deleted. */
    private RemediationResult promote(TaskSetObservation seen) {
        if (run.dryRun()) {
            return planRemaining(seen);
        }
        if (!run.hasTimeForChanges()) {
            return run.outOfTime();
        }
        Service service = seen.service();
        String next = seen.replacement().orElseThrow().taskSetArn();
        // Harmless when another execution promoted it already: the primary task set is then set to itself.
        ecs.updateServicePrimaryTaskSet(request -> request.cluster(service.clusterArn())
                .service(service.serviceArn())
                .primaryTaskSet(next));
        run.done(primaryAction(service, next));
        // Between two steps: the next invocation finds the replacement primary and deletes the old one.
        if (!run.hasTimeForChanges()) {
            return run.outOfTime();
        }
        return delete(seen);
    }

    /** DELETE_OLD: the old task set is not (or no longer) primary and the replacement serves. */
    private RemediationResult deleteOld(TaskSetObservation seen) {
        if (run.dryRun()) {
            return planRemaining(seen);
        }
        if (!run.hasTimeForChanges()) {
            return run.outOfTime();
        }
        return delete(seen);
    }

    /**
     * DeleteTaskSet with {@code force}, so ECS drains the old tasks. Another execution may have deleted
     * the old task set since this one observed it, which is the end this step wants, not a failure: ECS
     * answers TaskSetNotFoundException once it no longer has the task set; for one still DRAINING it
     * documents no answer, so any other refusal is checked against a fresh DescribeTaskSets before it
     * counts as a failure.
     */
    private RemediationResult delete(TaskSetObservation seen) {
        Service service = seen.service();
        TaskSet old = seen.old().orElseThrow();
        String next = seen.replacement().orElseThrow().taskSetArn();
        try {
            ecs.deleteTaskSet(request -> request.cluster(service.clusterArn())
                    .service(service.serviceArn())
                    .taskSet(old.taskSetArn())
                    .force(true));
        } catch (TaskSetNotFoundException e) {
            return deletedMeanwhile(old, next, "ECS no longer has it (TaskSetNotFoundException)");
        } catch (EcsException e) {
            Optional<TaskSet> now = observe(service, seen.requestedId()).old();
            if (now.isPresent() && !TaskSetObservation.DRAINING.equals(now.get().status())) {
                throw e;
            }
            return deletedMeanwhile(
                    old,
                    next,
                    "ECS refused (" + e.awsErrorDetails().errorCode() + ") and now reports it "
                            + now.map(TaskSet::status).orElse("gone"));
        }
        run.done(deleteAction(old));
        return finished(
                seen,
                "Replaced task set " + old.taskSetArn() + " with " + next
                        + ", which does not assign public IPs; the old one is draining.");
    }

    /**
     * The last check once the old task set is deleted: REMEDIATED only when none of its tasks still runs
     * and none of the replacement's tasks holds a public address (an Elastic IP, or IPv6 behind an internet
     * gateway, which assignPublicIp does not govern: REFUSED); IN_PROGRESS while the old tasks drain, up to
     * {@link ServiceRollout#MAX_WAIT} after the replacement could have become steady, then REFUSED.
     */
    private RemediationResult finished(TaskSetObservation seen, String done) {
        String oldId = seen.old().map(TaskSet::id).orElse(seen.requestedId());
        Optional<TaskSet> replacement = seen.replacement();
        List<RunningTask> running = runningTasks(seen.service());
        List<RunningTask> oldTasks = running.stream()
                .filter(task -> task.startedBy().filter(oldId::equals).isPresent())
                .toList();
        List<String> replacementExposed = EcsRemediation.exposed(running.stream()
                .filter(task -> replacement.isPresent()
                        && task.startedBy()
                                .filter(replacement.get().id()::equals)
                                .isPresent())
                .toList());
        if (!replacementExposed.isEmpty()) {
            return run.finish(
                    Outcome.REFUSED,
                    done + " But tasks of the replacement hold public addresses, which assignPublicIp DISABLED does"
                            + " not remove: " + String.join(" | ", replacementExposed));
        }
        if (oldTasks.isEmpty()) {
            return run.finish(
                    Outcome.REMEDIATED,
                    done + " None of the old task set's tasks still runs, and none of the service's " + running.size()
                            + " running task(s) of the replacement holds a public address.");
        }
        String still = oldTasks.size() + " task(s) of the old task set " + oldId + " still run ("
                + EcsRemediation.exposed(oldTasks).size() + " with a public address)";
        Duration waited = replacement
                .map(TaskSet::createdAt)
                .filter(created -> created != null)
                .map(created -> Duration.between(created, clock.instant()))
                .orElse(Duration.ZERO);
        if (waited.compareTo(MAX_STABILIZING.plus(ServiceRollout.MAX_WAIT)) > 0) {
            return run.finish(
                    Outcome.REFUSED,
                    done + " " + still + " " + waited.toMinutes() + " minutes after the replacement was created;"
                            + " find out why they do not stop, then rerun.");
        }
        return run.finish(Outcome.IN_PROGRESS, done + " Waiting: " + still + ". Invoke again to continue.");
    }

    private RemediationResult deletedMeanwhile(TaskSet old, String next, String answer) {
        run.log("DeleteTaskSet of " + old.taskSetArn() + ": " + answer
                + "; it was deleted since this invocation read it");
        return run.finish(
                Outcome.REMEDIATED,
                "Task set " + old.taskSetArn() + " was deleted while this run replaced"
                        + " it (by another execution, or by hand); its replacement " + next
                        + " does not assign public IPs.");
    }

    private RemediationResult planRemaining(TaskSetObservation seen) {
        String next = seen.replacement().orElseThrow().taskSetArn();
        return run.plan(
                afterCreation(seen.service(), seen.old().orElseThrow(), next, seen.oldIsPrimary()),
                "Replacement " + next + " exists; a real run would continue with these calls.");
    }

    /**
     * CreateTaskSet with a client token derived from the old task set, so a retried or repeated create
     * answers with the replacement already made instead of making a second one. If that answer is a
     * replacement deleted since (DRAINING or INACTIVE; it no longer carries the marker among the service's
     * task sets), the token belongs to that earlier attempt: the next token in a fixed sequence is tried,
     * so reruns still replay the same tokens in the same order. Empty when every token led to a deleted one.
     */
    private Optional<TaskSet> create(CreateTaskSetRequest create, TaskSet old) {
        for (int generation = 0; generation < MAX_TOKEN_GENERATIONS; generation++) {
            TaskSet answer = ecs.createTaskSet(create.toBuilder()
                            .clientToken(clientToken(old, generation))
                            .build())
                    .taskSet();
            if (!TaskSetObservation.DRAINING.equals(answer.status()) && !INACTIVE.equals(answer.status())) {
                return Optional.of(answer);
            }
            run.log("CreateTaskSet with client token " + generation + " for " + old.taskSetArn()
                    + " answered with " + answer.taskSetArn() + ", which is " + answer.status()
                    + " (deleted since); trying the next token");
        }
        return Optional.empty();
    }

    static String clientToken(TaskSet old, int generation) {
        String name = "ecs-public-ip-rule " + old.taskSetArn() + (generation == 0 ? "" : " #" + generation);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Everything CreateTaskSet accepts, copied from the old task set; only assignPublicIp differs. */
    private static CreateTaskSetRequest replacementRequest(
            Service service, TaskSet old, AwsvpcNetwork network, List<Tag> tags) {
        CreateTaskSetRequest.Builder create = CreateTaskSetRequest.builder()
                .cluster(service.clusterArn())
                .service(service.serviceArn())
                .taskDefinition(old.taskDefinition())
                .externalId(old.externalId())
                .platformVersion(old.platformVersion())
                .scale(old.scale())
                .tags(tags)
                .clientToken(clientToken(old, 0))
                .networkConfiguration(configuration -> configuration.awsvpcConfiguration(awsvpc -> {
                    awsvpc.subnets(network.subnets()).assignPublicIp(AssignPublicIp.DISABLED);
                    if (!network.securityGroups().isEmpty()) {
                        awsvpc.securityGroups(network.securityGroups());
                    }
                }));
        if (old.hasCapacityProviderStrategy() && !old.capacityProviderStrategy().isEmpty()) {
            create.capacityProviderStrategy(old.capacityProviderStrategy());
        } else {
            create.launchType(old.launchTypeAsString());
        }
        if (old.hasLoadBalancers() && !old.loadBalancers().isEmpty()) {
            create.loadBalancers(old.loadBalancers());
        }
        if (old.hasServiceRegistries() && !old.serviceRegistries().isEmpty()) {
            create.serviceRegistries(old.serviceRegistries());
        }
        return create.build();
    }

    private static String describe(CreateTaskSetRequest create, TaskSet old) {
        String placement = create.hasCapacityProviderStrategy()
                ? "capacity provider strategy "
                        + create.capacityProviderStrategy().stream()
                                .map(item -> item.capacityProvider())
                                .toList()
                : "launch type " + create.launchTypeAsString();
        return "copy of " + old.taskSetArn() + " with assignPublicIp DISABLED: task definition "
                + create.taskDefinition() + ", " + placement
                + (create.platformVersion() == null ? "" : ", platform version " + create.platformVersion())
                + ", " + create.loadBalancers().size() + " load balancer(s), "
                + create.serviceRegistries().size()
                + " service registr(y/ies), scale "
                + (create.scale() == null
                        ? "default"
                        : create.scale().value() + " " + create.scale().unitAsString())
                + (create.externalId() == null ? "" : ", external id " + create.externalId())
                + ", subnets "
                + create.networkConfiguration().awsvpcConfiguration().subnets()
                + " and security groups "
                + create.networkConfiguration().awsvpcConfiguration().securityGroups()
                + " unchanged, " + create.tags().size() + " tag(s) including " + MARKER_TAG + "=" + old.id();
    }

    private static List<Action> afterCreation(Service service, TaskSet old, String replacement, boolean primary) {
        List<Action> steps = new ArrayList<>();
        steps.add(new Action(
                "ecs:DescribeTaskSets",
                service.serviceArn(),
                "repeat until " + replacement
                        + " reports STEADY_STATE (the runbook invokes the function again after a pause)"));
        if (primary) {
            steps.add(primaryAction(service, replacement));
        }
        steps.add(deleteAction(old));
        return steps;
    }

    private static Action primaryAction(Service service, String replacement) {
        return new Action(
                "ecs:UpdateServicePrimaryTaskSet",
                service.serviceArn(),
                "make " + replacement + " the primary task set, as the old one was");
    }

    private static Action deleteAction(TaskSet old) {
        return new Action(
                "ecs:DeleteTaskSet",
                old.taskSetArn(),
                "force, once the replacement is STEADY_STATE:"
                        + " ECS deregisters the old tasks' targets, then stops them (DRAINING)");
    }
}
