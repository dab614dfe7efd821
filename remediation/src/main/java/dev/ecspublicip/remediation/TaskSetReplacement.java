package dev.ecspublicip.remediation;

import dev.ecspublicip.ecs.EcsApiResources;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.StabilityStatus;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.TaskSetField;

/**
 * A task set of an EXTERNAL-controller service. UpdateTaskSet can only change scale, so the task set is
 * replaced: CreateTaskSet with the same settings and {@code assignPublicIp} DISABLED, wait (over later
 * invocations) until DescribeTaskSets shows the replacement STEADY_STATE with its tasks running, make it
 * primary if the old one was, then delete the old one.
 *
 * <p>The replacement carries the tag {@value #MARKER_TAG} naming the task set it replaces, and is created
 * with a client token derived from the old task set's ARN. A rerun finds it by that tag and continues;
 * it never creates a second one, and it never deletes the old task set before the replacement is steady.
 */
final class TaskSetReplacement extends EcsRemediation {
    static final String MARKER_TAG = "ecs-public-ip-rule:replaces";
    /** How long a replacement may stay STABILIZING before the remediation gives up waiting on it. */
    static final Duration MAX_STABILIZING = Duration.ofMinutes(90);
    static final int MAX_TAGS = 50;
    /** Client tokens tried when earlier ones lead to replacements deleted since. */
    static final int MAX_TOKEN_GENERATIONS = 5;

    private static final String PRIMARY = "PRIMARY";
    private static final String DRAINING = "DRAINING";
    private static final String INACTIVE = "INACTIVE";

    private final Clock clock;

    TaskSetReplacement(EcsClient ecs, EgressCheck egress, Run run, Clock clock) {
        super(ecs, egress, run);
        this.clock = clock;
    }

    @Override
    RemediationResult remediate(EcsTarget target) {
        String id = target.taskSetId().orElseThrow();
        Lookup<Service> lookup = service(target);
        if (lookup.stop().isPresent()) {
            return lookup.stop().get();
        }
        Service service = lookup.value().orElseThrow();
        DeploymentControllerType controller = controller(service);
        if (controller == DeploymentControllerType.ECS) {
            return run.finish(Outcome.REFUSED, "Service " + service.serviceArn() + " uses the ECS deployment"
                    + " controller, which has no task sets; remediate the service (AWS::ECS::Service) instead.");
        }
        List<TaskSet> taskSets = taskSets(service, id);
        Optional<TaskSet> old = taskSets.stream().filter(t -> id.equals(t.id()) || id.equals(t.taskSetArn())).findFirst();
        old.ifPresent(t -> run.resource(t.taskSetArn()));
        List<TaskSet> marked = taskSets.stream().filter(t -> id.equals(marker(t))).toList();
        List<TaskSet> replacements = marked.stream().filter(t -> !DRAINING.equals(t.status())).toList();
        if (replacements.size() > 1) {
            return run.finish(Outcome.REFUSED, "Found " + replacements.size() + " task sets tagged " + MARKER_TAG
                    + "=" + id + "; expected at most one. Delete the extra ones, then rerun.");
        }
        Optional<TaskSet> replacement = replacements.stream().findFirst();
        replacement.ifPresent(t -> run.replacement(t.taskSetArn()));

        if (old.isEmpty() || DRAINING.equals(old.get().status())) {
            String state = old.isEmpty() ? "no longer exists" : "is DRAINING";
            if (replacement.isPresent()) {
                return run.finish(Outcome.REMEDIATED, "Task set " + id + " " + state + "; its replacement "
                        + replacement.get().taskSetArn() + " does not assign public IPs.");
            }
            return run.finish(Outcome.REFUSED, "Task set " + id + " of service " + service.serviceArn() + " " + state
                    + "; there is nothing to replace.");
        }
        TaskSet current = old.get();
        EcsResource live = EcsApiResources.of(current);
        Optional<RemediationResult> settled = settledByRule(live);
        if (settled.isPresent()) {
            return settled.get();
        }
        if (controller == DeploymentControllerType.CODE_DEPLOY || "CODE_DEPLOY".equals(current.startedBy())) {
            return run.finish(Outcome.REFUSED, "Task set " + current.taskSetArn() + " belongs to a CodeDeploy"
                    + " deployment. " + CODE_DEPLOY_GUIDANCE);
        }
        if (replacement.isEmpty() && marked.size() > 0) {
            return run.finish(Outcome.REFUSED, "An earlier replacement of " + current.taskSetArn() + " ("
                    + marked.get(0).taskSetArn() + ") is being deleted; rerun once it is gone.");
        }
        boolean primary = PRIMARY.equals(current.status());

        if (replacement.isEmpty()) {
            AwsvpcNetwork network = live.awsvpc().orElseThrow();
            Optional<RemediationResult> refusal = egressRefusal(network.subnets(), current.taskSetArn(), current.taskDefinition());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            List<Tag> tags = replacementTags(current);
            if (tags.size() > MAX_TAGS) {
                return run.finish(Outcome.REFUSED, "Task set " + current.taskSetArn() + " has " + (tags.size() - 1)
                        + " tags; its replacement needs one more (" + MARKER_TAG + ") and ECS allows " + MAX_TAGS + ".");
            }
            CreateTaskSetRequest create = replacementRequest(service, current, network, tags);
            Action createAction = new Action("ecs:CreateTaskSet", service.serviceArn(), describe(create, current));
            if (run.dryRun()) {
                List<Action> plan = new ArrayList<>(List.of(createAction));
                plan.addAll(afterCreation(service, current, "the replacement", primary));
                return run.plan(plan, "A real run would make these calls, across several invocations.");
            }
            if (!run.hasTimeForChanges()) {
                return run.outOfTime();
            }
            Optional<TaskSet> created = create(create, current);
            if (created.isEmpty()) {
                return run.finish(Outcome.REFUSED, "ECS answered each of " + MAX_TOKEN_GENERATIONS + " client tokens"
                        + " for replacing " + current.taskSetArn() + " with a replacement that has been deleted since;"
                        + " nothing was created. Replace the task set by hand: CreateTaskSet with assignPublicIp"
                        + " DISABLED and a new client token, then UpdateServicePrimaryTaskSet and DeleteTaskSet.");
            }
            run.done(new Action(createAction.call(), createAction.target(),
                    "created " + created.get().taskSetArn() + ": " + createAction.detail()));
            run.replacement(created.get().taskSetArn());
            // CreateTaskSet's answer is not the replacement's settled state: only a later DescribeTaskSets is.
            return run.finish(Outcome.IN_PROGRESS, "Created replacement " + created.get().taskSetArn() + "; "
                    + current.taskSetArn() + " keeps serving until DescribeTaskSets shows the replacement STEADY_STATE"
                    + " with its tasks running. Invoke again to continue.");
        } else if (run.dryRun()) {
            return run.plan(afterCreation(service, current, replacement.get().taskSetArn(), primary),
                    "Replacement " + replacement.get().taskSetArn() + " exists; a real run would continue with these calls.");
        }

        TaskSet next = replacement.get();
        if (!ready(next, current)) {
            Duration waited = next.createdAt() == null ? Duration.ZERO : Duration.between(next.createdAt(), clock.instant());
            if (waited.compareTo(MAX_STABILIZING) > 0) {
                return run.finish(Outcome.REFUSED, "Replacement " + next.taskSetArn() + " has not reached STEADY_STATE "
                        + waited.toMinutes() + " minutes after its creation (running " + next.runningCount() + " of "
                        + next.computedDesiredCount() + " tasks). It is left in place and " + current.taskSetArn()
                        + " is unchanged; find out why its tasks do not stabilise, then rerun or delete it.");
            }
            return run.finish(Outcome.IN_PROGRESS, "Waiting for replacement " + next.taskSetArn()
                    + " to reach STEADY_STATE (running " + next.runningCount() + " of " + next.computedDesiredCount()
                    + " tasks); " + current.taskSetArn() + " keeps serving until then. Invoke again to continue.");
        }
        if (!run.hasTimeForChanges()) {
            return run.outOfTime();
        }
        if (primary) {
            ecs.updateServicePrimaryTaskSet(request -> request
                    .cluster(service.clusterArn()).service(service.serviceArn()).primaryTaskSet(next.taskSetArn()));
            run.done(primaryAction(service, next.taskSetArn()));
        }
        ecs.deleteTaskSet(request -> request
                .cluster(service.clusterArn()).service(service.serviceArn()).taskSet(current.taskSetArn()).force(true));
        run.done(deleteAction(current));
        return run.finish(Outcome.REMEDIATED, "Replaced task set " + current.taskSetArn() + " with "
                + next.taskSetArn() + ", which does not assign public IPs; the old one is draining.");
    }

    /**
     * The replacement serves: STEADY_STATE as DescribeTaskSets reports it, and tasks running if the old
     * task set had any (a task set whose desired count is still 0 is trivially steady).
     */
    private static boolean ready(TaskSet next, TaskSet current) {
        boolean oldRuns = current.runningCount() != null && current.runningCount() > 0;
        boolean nextRuns = next.runningCount() != null && next.runningCount() > 0;
        return next.stabilityStatus() == StabilityStatus.STEADY_STATE && (!oldRuns || nextRuns);
    }

    /**
     * CreateTaskSet with a client token derived from the old task set, so a retried or repeated create
     * answers with the replacement already made instead of making a second one. If that answer is a
     * replacement deleted since (DRAINING or INACTIVE; it no longer carries the marker among the service's
     * task sets), the token belongs to that earlier attempt: the next token in a fixed sequence is tried,
     * so reruns still replay the same tokens in the same order. Empty when every token led to a deleted one.
     */
    private Optional<TaskSet> create(CreateTaskSetRequest create, TaskSet current) {
        for (int generation = 0; generation < MAX_TOKEN_GENERATIONS; generation++) {
            TaskSet answer = ecs.createTaskSet(create.toBuilder().clientToken(clientToken(current, generation)).build())
                    .taskSet();
            if (!DRAINING.equals(answer.status()) && !INACTIVE.equals(answer.status())) {
                return Optional.of(answer);
            }
            run.log("CreateTaskSet with client token " + generation + " for " + current.taskSetArn()
                    + " answered with " + answer.taskSetArn() + ", which is " + answer.status()
                    + " (deleted since); trying the next token");
        }
        return Optional.empty();
    }

    static String clientToken(TaskSet current, int generation) {
        String name = "ecs-public-ip-rule " + current.taskSetArn() + (generation == 0 ? "" : " #" + generation);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The service's task sets (with tags), including the one asked for even if ECS no longer lists it. */
    private List<TaskSet> taskSets(Service service, String id) {
        Set<String> ids = new LinkedHashSet<>();
        service.taskSets().forEach(t -> ids.add(t.taskSetArn()));
        if (service.taskSets().stream().noneMatch(t -> id.equals(t.id()) || id.equals(t.taskSetArn()))) {
            ids.add(id);
        }
        return ecs.describeTaskSets(request -> request.cluster(service.clusterArn()).service(service.serviceArn())
                .taskSets(ids).include(TaskSetField.TAGS)).taskSets();
    }

    private static String marker(TaskSet taskSet) {
        return taskSet.tags().stream().filter(tag -> MARKER_TAG.equals(tag.key())).map(Tag::value).findFirst().orElse(null);
    }

    /** The old task set's tags that may be set (not {@code aws:}), and the marker. */
    private static List<Tag> replacementTags(TaskSet current) {
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : current.tags()) {
            if (tag.key() != null && !tag.key().toLowerCase(Locale.ROOT).startsWith("aws:") && !MARKER_TAG.equals(tag.key())) {
                tags.add(tag);
            }
        }
        tags.add(Tag.builder().key(MARKER_TAG).value(current.id()).build());
        return tags;
    }

    /** Everything CreateTaskSet accepts, copied from the old task set; only assignPublicIp differs. */
    private static CreateTaskSetRequest replacementRequest(Service service, TaskSet current, AwsvpcNetwork network,
            List<Tag> tags) {
        CreateTaskSetRequest.Builder create = CreateTaskSetRequest.builder()
                .cluster(service.clusterArn())
                .service(service.serviceArn())
                .taskDefinition(current.taskDefinition())
                .externalId(current.externalId())
                .platformVersion(current.platformVersion())
                .scale(current.scale())
                .tags(tags)
                .clientToken(clientToken(current, 0))
                .networkConfiguration(configuration -> configuration.awsvpcConfiguration(awsvpc -> {
                    awsvpc.subnets(network.subnets()).assignPublicIp(AssignPublicIp.DISABLED);
                    if (!network.securityGroups().isEmpty()) {
                        awsvpc.securityGroups(network.securityGroups());
                    }
                }));
        if (current.hasCapacityProviderStrategy() && !current.capacityProviderStrategy().isEmpty()) {
            create.capacityProviderStrategy(current.capacityProviderStrategy());
        } else {
            create.launchType(current.launchTypeAsString());
        }
        if (current.hasLoadBalancers() && !current.loadBalancers().isEmpty()) {
            create.loadBalancers(current.loadBalancers());
        }
        if (current.hasServiceRegistries() && !current.serviceRegistries().isEmpty()) {
            create.serviceRegistries(current.serviceRegistries());
        }
        return create.build();
    }

    private static String describe(CreateTaskSetRequest create, TaskSet current) {
        String placement = create.hasCapacityProviderStrategy()
                ? "capacity provider strategy " + create.capacityProviderStrategy().stream()
                        .map(item -> item.capacityProvider()).toList()
                : "launch type " + create.launchTypeAsString();
        return "copy of " + current.taskSetArn() + " with assignPublicIp DISABLED: task definition "
                + create.taskDefinition() + ", " + placement
                + (create.platformVersion() == null ? "" : ", platform version " + create.platformVersion())
                + ", " + create.loadBalancers().size() + " load balancer(s), " + create.serviceRegistries().size()
                + " service registr(y/ies), scale " + (create.scale() == null ? "default"
                        : create.scale().value() + " " + create.scale().unitAsString())
                + (create.externalId() == null ? "" : ", external id " + create.externalId())
                + ", subnets " + create.networkConfiguration().awsvpcConfiguration().subnets()
                + " and security groups " + create.networkConfiguration().awsvpcConfiguration().securityGroups()
                + " unchanged, " + create.tags().size() + " tag(s) including " + MARKER_TAG + "=" + current.id();
    }

    private static List<Action> afterCreation(Service service, TaskSet current, String replacement, boolean primary) {
        List<Action> steps = new ArrayList<>();
        steps.add(new Action("ecs:DescribeTaskSets", service.serviceArn(), "repeat until " + replacement
                + " reports STEADY_STATE (the runbook invokes the function again after a pause)"));
        if (primary) {
            steps.add(primaryAction(service, replacement));
        }
        steps.add(deleteAction(current));
        return steps;
    }

    private static Action primaryAction(Service service, String replacement) {
        return new Action("ecs:UpdateServicePrimaryTaskSet", service.serviceArn(),
                "make " + replacement + " the primary task set, as the old one was");
    }

    private static Action deleteAction(TaskSet current) {
        return new Action("ecs:DeleteTaskSet", current.taskSetArn(), "force, once the replacement is STEADY_STATE:"
                + " ECS deregisters the old tasks' targets, then stops them (DRAINING)");
    }
}
