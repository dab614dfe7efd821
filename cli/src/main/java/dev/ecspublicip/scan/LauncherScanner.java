package dev.ecspublicip.scan;

import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.pipes.PipesClient;
import software.amazon.awssdk.services.pipes.model.Pipe;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Reads the resources that launch ECS tasks straight from their own APIs, read-only, and hands each to
 * {@code onResource} as the model: EventBridge rules on every event bus of the account, the default, custom
 * and partner buses (ListEventBuses, ListRules, ListTargetsByRule), schedules of every group (ListSchedules, GetSchedule), pipes (ListPipes,
 * DescribePipe), state machines (ListStateMachines, DescribeStateMachine) and ACTIVE Batch job definitions (DescribeJobDefinitions). A call that fails ends the
 * scan with the SDK's exception: nothing read halfway passes as clean.
 */
public final class LauncherScanner implements AutoCloseable {
    /** The largest page each listing takes. */
    static final int EVENTS_PAGE = 100;

    static final int SCHEDULER_PAGE = 100;
    static final int PIPES_PAGE = 100;
    static final int BATCH_PAGE = 100;
    static final int STATES_PAGE = 1000;

    /** The launcher kinds this scanner reads. */
    public static final Set<ResourceKind> KINDS = Set.of(
            ResourceKind.EVENTS_RULE,
            ResourceKind.SCHEDULE,
            ResourceKind.PIPE,
            ResourceKind.STATE_MACHINE,
            ResourceKind.JOB_DEFINITION);

    private final EventBridgeClient events;
    private final SchedulerClient scheduler;
    private final PipesClient pipes;
    private final SfnClient states;
    private final BatchClient batch;

    public LauncherScanner(
            EventBridgeClient events,
            SchedulerClient scheduler,
            PipesClient pipes,
            SfnClient states,
            BatchClient batch) {
        this.events = events;
        this.scheduler = scheduler;
        this.pipes = pipes;
        this.states = states;
        this.batch = batch;
    }

    @Override
    public void close() {
        events.close();
        scheduler.close();
        pipes.close();
        states.close();
        batch.close();
    }

    /** Hands every resource of the kinds asked for (some of {@link #KINDS}) to {@code onResource}; returns how many. */
    public int scan(Set<ResourceKind> kinds, Consumer<EcsResource> onResource) {
        int read = 0;
        if (kinds.contains(ResourceKind.EVENTS_RULE)) {
            read += eventsRules(onResource);
        }
        if (kinds.contains(ResourceKind.SCHEDULE)) {
            read += schedules(onResource);
        }
        if (kinds.contains(ResourceKind.PIPE)) {
            read += pipes(onResource);
        }
        if (kinds.contains(ResourceKind.STATE_MACHINE)) {
            read += stateMachines(onResource);
        }
        if (kinds.contains(ResourceKind.JOB_DEFINITION)) {
            read += jobDefinitions(onResource);
        }
        return read;
    }

    // EventBridge's SDK client has no paginators for these three operations, so their NextToken is followed here.
    private int eventsRules(Consumer<EcsResource> onResource) {
        int read = 0;
        for (String bus : eventBuses()) {
            String token = null;
            do {
                String page = token;
                ListRulesResponse rules = events.listRules(
                        r -> r.eventBusName(bus).limit(EVENTS_PAGE).nextToken(page));
                for (Rule rule : rules.rules()) {
                    onResource.accept(LauncherApiResources.eventsRule(rule, targets(rule)));
                    read++;
                }
                token = rules.nextToken();
            } while (token != null);
        }
        return read;
    }

    /** The names of the account's event buses in this Region; ListRules without a bus reads only the default one. */
    private List<String> eventBuses() {
        List<String> buses = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListEventBusesResponse response =
                    events.listEventBuses(r -> r.limit(EVENTS_PAGE).nextToken(page));
            response.eventBuses().forEach(bus -> buses.add(bus.name()));
            token = response.nextToken();
        } while (token != null);
        return buses;
    }

    private List<Target> targets(Rule rule) {
        List<Target> targets = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListTargetsByRuleResponse response = events.listTargetsByRule(r -> r.rule(rule.name())
                    .eventBusName(rule.eventBusName())
                    .limit(EVENTS_PAGE)
                    .nextToken(page));
            targets.addAll(response.targets());
            token = response.nextToken();
        } while (token != null);
        return targets;
    }

    private int schedules(Consumer<EcsResource> onResource) {
        int read = 0;
        for (ScheduleSummary summary : scheduler
                .listSchedulesPaginator(r -> r.maxResults(SCHEDULER_PAGE))
                .schedules()) {
            onResource.accept(LauncherApiResources.schedule(
                    scheduler.getSchedule(r -> r.name(summary.name()).groupName(summary.groupName()))));
            read++;
        }
        return read;
    }

    private int pipes(Consumer<EcsResource> onResource) {
        int read = 0;
        for (Pipe pipe : pipes.listPipesPaginator(r -> r.limit(PIPES_PAGE)).pipes()) {
            onResource.accept(LauncherApiResources.pipe(pipes.describePipe(r -> r.name(pipe.name()))));
            read++;
        }
        return read;
    }

    private int stateMachines(Consumer<EcsResource> onResource) {
        int read = 0;
        for (var machine : states.listStateMachinesPaginator(r -> r.maxResults(STATES_PAGE))
                .stateMachines()) {
            onResource.accept(LauncherApiResources.stateMachine(
                    states.describeStateMachine(r -> r.stateMachineArn(machine.stateMachineArn()))));
            read++;
        }
        return read;
    }

    private int jobDefinitions(Consumer<EcsResource> onResource) {
        int read = 0;
        for (var definition : batch.describeJobDefinitionsPaginator(
                        r -> r.status("ACTIVE").maxResults(BATCH_PAGE))
                .jobDefinitions()) {
            onResource.accept(LauncherApiResources.jobDefinition(definition));
            read++;
        }
        return read;
    }
}
