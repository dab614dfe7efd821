package dev.ecspublicip.scan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.config.CloudFormationProperties;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.batch.model.EcsTaskProperties;
import software.amazon.awssdk.services.batch.model.JobDefinition;
import software.amazon.awssdk.services.batch.model.PlatformCapability;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.pipes.model.DescribePipeResponse;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;

/**
 * The one reader from the launcher services' API objects to the model: each ECS launch point of an
 * EventBridge rule, a schedule, a pipe, a state machine or a Batch job definition, with its network as the API spells it
 * (EventBridge, Scheduler and Pipes {@code NetworkConfiguration.awsvpcConfiguration.AssignPublicIp}, Batch
 * {@code networkConfiguration.assignPublicIp}). Keys are the resources' ARNs, as {@code scan} reports them.
 */
final class LauncherApiResources {
    /** EventBridge Scheduler's universal target for ECS RunTask: the RunTask request is the target's input. */
    private static final String RUN_TASK_UNIVERSAL_TARGET = ":scheduler:::aws-sdk:ecs:runTask";

    private LauncherApiResources() {}

    /** An EventBridge rule and the targets ListTargetsByRule gave for it. */
    static EcsResource eventsRule(Rule rule, List<Target> targets) {
        List<LaunchPoint> points = new ArrayList<>();
        for (Target target : targets) {
            if (target.ecsParameters() == null) {
                continue;
            }
            String name = "target " + quoted(target.id());
            String property = "EcsParameters.NetworkConfiguration.awsvpcConfiguration.AssignPublicIp";
            var network = target.ecsParameters().networkConfiguration();
            Optional<AwsvpcNetwork> awsvpc = network == null || network.awsvpcConfiguration() == null
                    ? Optional.empty()
                    : Optional.of(network(
                            network.awsvpcConfiguration().assignPublicIpAsString(),
                            network.awsvpcConfiguration().subnets()));
            // An input transformer whose template writes a network configuration decides it per event.
            if (target.inputTransformer() != null
                    && writesNetwork(target.inputTransformer().inputTemplate())) {
                awsvpc = Optional.of(AwsvpcNetwork.unresolved(
                        new UnresolvedValue("InputTransformer", "writes the network configuration per event"),
                        List.of(),
                        List.of()));
            }
            points.add(new LaunchPoint(name, property, awsvpc));
        }
        return launcher(ResourceKind.EVENTS_RULE, rule.arn(), rule.name(), points, Map.of());
    }

    /** A schedule as GetSchedule describes it. */
    static EcsResource schedule(GetScheduleResponse schedule) {
        List<LaunchPoint> points = new ArrayList<>();
        var target = schedule.target();
        String name = "target of schedule " + quoted(schedule.groupName() + "/" + schedule.name());
        if (target != null && target.ecsParameters() != null) {
            var network = target.ecsParameters().networkConfiguration();
            points.add(new LaunchPoint(
                    name,
                    "Target.EcsParameters.NetworkConfiguration.awsvpcConfiguration.AssignPublicIp",
                    network == null || network.awsvpcConfiguration() == null
                            ? Optional.empty()
                            : Optional.of(network(
                                    network.awsvpcConfiguration().assignPublicIpAsString(),
                                    network.awsvpcConfiguration().subnets()))));
        } else if (target != null && target.arn() != null && target.arn().endsWith(RUN_TASK_UNIVERSAL_TARGET)) {
            points.add(new LaunchPoint(
                    name,
                    "Target.Input (RunTask's NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp)",
                    runTaskInput(target.input())));
        }
        return launcher(ResourceKind.SCHEDULE, schedule.arn(), schedule.name(), points, Map.of());
    }

    /** A pipe as DescribePipe describes it, with its tags. */
    static EcsResource pipe(DescribePipeResponse pipe) {
        List<LaunchPoint> points = new ArrayList<>();
        if (pipe.targetParameters() != null && pipe.targetParameters().ecsTaskParameters() != null) {
            var network = pipe.targetParameters().ecsTaskParameters().networkConfiguration();
            points.add(new LaunchPoint(
                    "target " + quoted(pipe.target() == null ? pipe.name() : pipe.target()),
                    "TargetParameters.EcsTaskParameters.NetworkConfiguration.awsvpcConfiguration.AssignPublicIp",
                    network == null || network.awsvpcConfiguration() == null
                            ? Optional.empty()
                            : Optional.of(network(
                                    network.awsvpcConfiguration().assignPublicIpAsString(),
                                    network.awsvpcConfiguration().subnets()))));
        }
        return launcher(ResourceKind.PIPE, pipe.arn(), pipe.name(), points, pipe.hasTags() ? pipe.tags() : Map.of());
    }

    /**
     * A job definition revision. Its network configuration applies only on Fargate (Batch gives EC2 jobs
     * the instance's network), where an absent {@code assignPublicIp} is DISABLED.
     */
    static EcsResource jobDefinition(JobDefinition definition) {
        boolean fargate = definition.hasPlatformCapabilities()
                && definition.platformCapabilities().contains(PlatformCapability.FARGATE);
        List<LaunchPoint> points = new ArrayList<>();
        if (definition.containerProperties() != null) {
            var network = definition.containerProperties().networkConfiguration();
            points.add(new LaunchPoint(
                    "containerProperties",
                    "containerProperties.networkConfiguration.assignPublicIp",
                    fargate
                            ? Optional.of(network(network == null ? null : network.assignPublicIpAsString(), List.of()))
                            : Optional.empty()));
        }
        if (definition.ecsProperties() != null && definition.ecsProperties().hasTaskProperties()) {
            List<EcsTaskProperties> tasks = definition.ecsProperties().taskProperties();
            for (int i = 0; i < tasks.size(); i++) {
                var network = tasks.get(i).networkConfiguration();
                points.add(new LaunchPoint(
                        "ecsProperties.taskProperties[" + i + "]",
                        "ecsProperties.taskProperties[].networkConfiguration.assignPublicIp",
                        fargate
                                ? Optional.of(
                                        network(network == null ? null : network.assignPublicIpAsString(), List.of()))
                                : Optional.empty()));
            }
        }
        return launcher(
                ResourceKind.JOB_DEFINITION,
                definition.jobDefinitionArn(),
                definition.jobDefinitionName() + ":" + definition.revision(),
                points,
                definition.hasTags() ? definition.tags() : Map.of());
    }

    /**
     * A state machine as DescribeStateMachine describes it: its definition read by the same States Language
     * reader as a template's {@code DefinitionString} (Task states in Parallel branches and Map item processors,
     * {@code ecs:runTask} integrations, run-time values unresolved).
     */
    static EcsResource stateMachine(DescribeStateMachineResponse machine) {
        JsonObject properties = new JsonObject();
        properties.addProperty("DefinitionString", machine.definition());
        properties.addProperty("StateMachineName", machine.name());
        List<LaunchPoint> points;
        try {
            points = CloudFormationProperties.read(
                            ResourceKind.STATE_MACHINE.configType(),
                            machine.stateMachineArn(),
                            properties,
                            Optional.empty(),
                            "DescribeStateMachine(" + machine.name() + ")")
                    .launchPoints();
        } catch (BadInputException e) {
            // AWS accepted this definition, so what the reader refuses is the reader's limit, not the user's
            // mistake: the machine fails closed with the reason, and the scan goes on.
            points = List.of(new LaunchPoint(
                    "its definition",
                    "definition",
                    Optional.of(AwsvpcNetwork.unresolved(
                            new UnresolvedValue("definition", "cannot be read: " + e.getMessage()),
                            List.of(),
                            List.of()))));
        }
        return launcher(ResourceKind.STATE_MACHINE, machine.stateMachineArn(), machine.name(), points, Map.of());
    }

    private static EcsResource launcher(
            ResourceKind kind, String arn, String name, List<LaunchPoint> points, Map<String, String> tags) {
        return EcsResource.launcher(
                new ResourceKey(kind.configType(), arn),
                Optional.ofNullable(arn),
                Optional.ofNullable(name),
                Presence.RECORDED,
                points,
                tags);
    }

    private static AwsvpcNetwork network(String assignPublicIp, List<String> subnets) {
        return new AwsvpcNetwork(Optional.ofNullable(assignPublicIp), subnets == null ? List.of() : subnets, List.of());
    }

    /**
     * The network of a RunTask request given as a universal target's input: JSON whose member names are
     * RunTask's, in any case. Input that is not such JSON cannot be read, so it is judged as unknown.
     */
    private static Optional<AwsvpcNetwork> runTaskInput(String input) {
        JsonObject request;
        try {
            JsonElement parsed = JsonParser.parseString(input == null ? "" : input);
            if (!parsed.isJsonObject()) {
                return Optional.of(unreadableInput());
            }
            request = parsed.getAsJsonObject();
        } catch (RuntimeException e) {
            return Optional.of(unreadableInput());
        }
        Optional<JsonElement> network = member(request, "networkConfiguration");
        if (network.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonElement> awsvpc = network.filter(JsonElement::isJsonObject)
                .flatMap(n -> member(n.getAsJsonObject(), "awsvpcConfiguration"));
        if (awsvpc.isEmpty() || !awsvpc.get().isJsonObject()) {
            return Optional.of(unreadableInput());
        }
        Optional<JsonElement> flag = member(awsvpc.get().getAsJsonObject(), "assignPublicIp");
        if (flag.isPresent()
                && !(flag.get().isJsonPrimitive()
                        && flag.get().getAsJsonPrimitive().isString())) {
            return Optional.of(unreadableInput());
        }
        return Optional.of(network(flag.map(JsonElement::getAsString).orElse(null), List.of()));
    }

    private static AwsvpcNetwork unreadableInput() {
        return AwsvpcNetwork.unresolved(
                new UnresolvedValue("Target.Input", "is not a RunTask request that can be read"), List.of(), List.of());
    }

    private static Optional<JsonElement> member(JsonObject object, String name) {
        return object.entrySet().stream()
                .filter(e -> Ascii.equalsIgnoreCase(e.getKey(), name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static boolean writesNetwork(String template) {
        if (template == null) {
            return false;
        }
        String lower = template.toLowerCase(Locale.ROOT); // only ASCII names are looked for
        return lower.contains("networkconfiguration") || lower.contains("assignpublicip");
    }

    private static String quoted(String text) {
        return ErrorLine.quote(String.valueOf(text));
    }
}
