package dev.ecspublicip.config;

import static dev.ecspublicip.config.JsonInput.kind;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.Ascii;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The launch points of a resource that starts ECS tasks, read from its CloudFormation {@code Properties}
 * or, for an EventBridge rule, from the configuration AWS Config records (the same shape:
 * {@code Targets[].EcsParameters.NetworkConfiguration.AwsVpcConfiguration}). Names in any ASCII casing
 * ({@link PropertyReader}); {@code setBy} as there (null where every value is as deployed).
 */
final class LauncherProperties {
    private LauncherProperties() {}

    /** The properties each kind's reader looks at; nothing else can change its verdict. */
    static List<String> read(ResourceKind kind) {
        return switch (kind) {
            case EVENTS_RULE -> List.of("Targets", "Name", "Tags");
            case SCHEDULE -> List.of("Target", "Name");
            case PIPE -> List.of("TargetParameters", "Name", "Tags");
            case STATE_MACHINE -> StateMachineDefinition.READ;
            case JOB_DEFINITION ->
                List.of("ContainerProperties", "EcsProperties", "PlatformCapabilities", "JobDefinitionName", "Tags");
            default -> List.of();
        };
    }

    static List<LaunchPoint> launchPoints(
            ResourceKind kind, JsonObject properties, String path, Function<JsonElement, Optional<String>> setBy) {
        return switch (kind) {
            case EVENTS_RULE -> eventTargets(properties, path, setBy);
            case SCHEDULE -> target(properties, path, setBy, "Target", "EcsParameters", "Input", "AwsvpcConfiguration");
            case PIPE ->
                target(
                        properties,
                        path,
                        pipeValues(setBy),
                        "TargetParameters",
                        "EcsTaskParameters",
                        "InputTemplate",
                        "AwsvpcConfiguration");
            case STATE_MACHINE -> StateMachineDefinition.launchPoints(properties, path, setBy);
            case JOB_DEFINITION -> jobDefinition(properties, path, setBy);
            default -> List.of();
        };
    }

    /** The name the resource declares, for annotations. */
    static Optional<String> name(
            ResourceKind kind, JsonObject properties, String path, Function<JsonElement, Optional<String>> setBy) {
        String property = switch (kind) {
            case STATE_MACHINE -> "StateMachineName";
            case JOB_DEFINITION -> "JobDefinitionName";
            default -> "Name";
        };
        return PropertyReader.optionalText(properties, property, path, setBy);
    }

    private static List<LaunchPoint> eventTargets(
            JsonObject properties, String path, Function<JsonElement, Optional<String>> setBy) {
        List<LaunchPoint> points = new ArrayList<>();
        String property = "EcsParameters.NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp";
        for (Map.Entry<String, JsonElement> targets : PropertyReader.members(properties, "targets")) {
            Optional<UnresolvedValue> unresolved = PropertyReader.unresolved(targets, setBy);
            if (unresolved.isPresent()) {
                points.add(unresolvedPoint("its targets", property, unresolved.get()));
                continue;
            }
            if (targets.getValue().isJsonNull()) {
                continue;
            }
            String listPath = JsonInput.path(path, targets.getKey());
            if (!targets.getValue().isJsonArray()) {
                throw new BadInputException(listPath, "must be a list, got " + kind(targets.getValue()));
            }
            JsonArray list = targets.getValue().getAsJsonArray();
            for (int i = 0; i < list.size(); i++) {
                String targetPath = listPath + "[" + i + "]";
                if (PropertyReader.setAtDeployment(list.get(i), setBy).isPresent()) {
                    points.add(unresolvedPoint(
                            "target " + (i + 1),
                            property,
                            new UnresolvedValue(
                                    "Targets[" + i + "]",
                                    "set by "
                                            + PropertyReader.setAtDeployment(list.get(i), setBy)
                                                    .get()
                                            + ", known only at deployment")));
                    continue;
                }
                if (!list.get(i).isJsonObject()) {
                    throw new BadInputException(targetPath, "must be an object, got " + kind(list.get(i)));
                }
                JsonObject target = list.get(i).getAsJsonObject();
                String name = PropertyReader.optionalText(target, "id", targetPath, setBy)
                        .map(id -> "target '" + id + "'")
                        .orElse("target " + (i + 1));
                ecsPoint(
                                target,
                                targetPath,
                                setBy,
                                name,
                                "EcsParameters",
                                property,
                                "AwsvpcConfiguration",
                                "Input",
                                "InputTransformer")
                        .ifPresent(points::add);
            }
        }
        return points;
    }

    /** A schedule's or a pipe's one target. */
    private static List<LaunchPoint> target(
            JsonObject properties,
            String path,
            Function<JsonElement, Optional<String>> setBy,
            String targetProperty,
            String ecsProperty,
            String inputProperty,
            String awsvpcSpelling) {
        String property =
                targetProperty + "." + ecsProperty + ".NetworkConfiguration." + awsvpcSpelling + ".AssignPublicIp";
        JsonElement target = PropertyReader.member(properties, targetProperty, path);
        String targetPath = PropertyReader.memberPath(properties, targetProperty, path);
        if (target == null || target.isJsonNull()) {
            return List.of();
        }
        Optional<String> unresolved = PropertyReader.setAtDeployment(target, setBy);
        if (unresolved.isPresent()) {
            return List.of(unresolvedPoint(
                    "its target",
                    property,
                    new UnresolvedValue(targetProperty, "set by " + unresolved.get() + ", known only at deployment")));
        }
        if (!target.isJsonObject()) {
            throw new BadInputException(targetPath, "must be an object, got " + kind(target));
        }
        return ecsPoint(
                        target.getAsJsonObject(),
                        targetPath,
                        setBy,
                        "its target",
                        ecsProperty,
                        property,
                        awsvpcSpelling,
                        inputProperty,
                        null)
                .map(List::of)
                .orElse(List.of());
    }

    /**
     * The launch point of a target that carries ECS parameters, empty for a target of another kind. An
     * input that writes a network configuration (an EventBridge input or input transformer, a pipe's input
     * template) decides it when the target runs: unresolved.
     */
    private static Optional<LaunchPoint> ecsPoint(
            JsonObject target,
            String targetPath,
            Function<JsonElement, Optional<String>> setBy,
            String name,
            String ecsProperty,
            String property,
            String awsvpcSpelling,
            String inputProperty,
            String transformerProperty) {
        JsonElement ecs = PropertyReader.member(target, ecsProperty, targetPath);
        if (ecs == null || ecs.isJsonNull()) {
            return Optional.empty();
        }
        String ecsPath = PropertyReader.memberPath(target, ecsProperty, targetPath);
        Optional<String> unresolved = PropertyReader.setAtDeployment(ecs, setBy);
        if (unresolved.isPresent()) {
            return Optional.of(unresolvedPoint(
                    name,
                    property,
                    new UnresolvedValue(ecsProperty, "set by " + unresolved.get() + ", known only at deployment")));
        }
        if (!ecs.isJsonObject()) {
            throw new BadInputException(ecsPath, "must be an object, got " + kind(ecs));
        }
        Optional<String> input = writesNetwork(target, inputProperty, targetPath)
                .or(() -> transformerProperty == null
                        ? Optional.empty()
                        : Optional.ofNullable(PropertyReader.member(target, transformerProperty, targetPath))
                                .filter(JsonElement::isJsonObject)
                                .flatMap(t -> writesNetwork(t.getAsJsonObject(), "InputTemplate", targetPath))
                                .map(ignored -> transformerProperty));
        if (input.isPresent()) {
            return Optional.of(unresolvedPoint(
                    name,
                    property,
                    new UnresolvedValue(
                            input.get(), "writes a network configuration into the task's request when it runs")));
        }
        return Optional.of(
                new LaunchPoint(name, property, PropertyReader.awsvpcNetwork(ecs.getAsJsonObject(), ecsPath, setBy)));
    }

    /** The input property's name when its text mentions a network configuration (any casing). */
    private static Optional<String> writesNetwork(JsonObject object, String inputProperty, String path) {
        JsonElement input = PropertyReader.member(object, inputProperty, path);
        if (input == null
                || !input.isJsonPrimitive()
                || !input.getAsJsonPrimitive().isString()) {
            return Optional.empty();
        }
        return input.getAsString().toLowerCase(Locale.ROOT).contains("networkconfiguration")
                ? Optional.of(inputProperty)
                : Optional.empty();
    }

    /** A pipe's target parameters may be dynamic path parameters ({@code $.detail.x}), read from each event. */
    private static Function<JsonElement, Optional<String>> pipeValues(Function<JsonElement, Optional<String>> setBy) {
        return value -> {
            Optional<String> atDeployment = PropertyReader.setAtDeployment(value, setBy);
            if (atDeployment.isPresent()) {
                return atDeployment;
            }
            if (value.isJsonPrimitive()
                    && value.getAsJsonPrimitive().isString()
                    && value.getAsString().startsWith("$.")) {
                return Optional.of("the dynamic path parameter " + ErrorLine.quote(value.getAsString())
                        + PropertyReader.AT_RUN_TIME);
            }
            return Optional.empty();
        };
    }

    private static List<LaunchPoint> jobDefinition(
            JsonObject properties, String path, Function<JsonElement, Optional<String>> setBy) {
        boolean fargate = fargate(properties, path, setBy);
        List<LaunchPoint> points = new ArrayList<>();
        JsonElement container = PropertyReader.member(properties, "containerProperties", path);
        if (container != null && !container.isJsonNull()) {
            jobPoint(
                            container,
                            PropertyReader.memberPath(properties, "containerProperties", path),
                            "ContainerProperties",
                            "ContainerProperties.NetworkConfiguration.AssignPublicIp",
                            fargate,
                            setBy)
                    .ifPresent(points::add);
        }
        JsonElement ecs = PropertyReader.member(properties, "ecsProperties", path);
        if (ecs == null || ecs.isJsonNull()) {
            return points;
        }
        String ecsPath = PropertyReader.memberPath(properties, "ecsProperties", path);
        Optional<String> unresolved = PropertyReader.setAtDeployment(ecs, setBy);
        if (unresolved.isPresent()) {
            points.add(unresolvedPoint(
                    "EcsProperties",
                    "EcsProperties.TaskProperties[].NetworkConfiguration.AssignPublicIp",
                    new UnresolvedValue("EcsProperties", "set by " + unresolved.get() + ", known only at deployment")));
            return points;
        }
        if (!ecs.isJsonObject()) {
            throw new BadInputException(ecsPath, "must be an object, got " + kind(ecs));
        }
        JsonElement tasks = PropertyReader.member(ecs.getAsJsonObject(), "taskProperties", ecsPath);
        String tasksPath = PropertyReader.memberPath(ecs.getAsJsonObject(), "taskProperties", ecsPath);
        if (tasks == null || tasks.isJsonNull()) {
            return points;
        }
        if (PropertyReader.setAtDeployment(tasks, setBy).isPresent()) {
            points.add(unresolvedPoint(
                    "TaskProperties",
                    "EcsProperties.TaskProperties[].NetworkConfiguration.AssignPublicIp",
                    new UnresolvedValue(
                            "TaskProperties",
                            "set by "
                                    + PropertyReader.setAtDeployment(tasks, setBy)
                                            .get() + ", known only at deployment")));
            return points;
        }
        if (!tasks.isJsonArray()) {
            throw new BadInputException(tasksPath, "must be a list, got " + kind(tasks));
        }
        for (int i = 0; i < tasks.getAsJsonArray().size(); i++) {
            String name = "TaskProperties[" + i + "]";
            jobPoint(
                            tasks.getAsJsonArray().get(i),
                            tasksPath + "[" + i + "]",
                            name,
                            "EcsProperties." + name + ".NetworkConfiguration.AssignPublicIp",
                            fargate,
                            setBy)
                    .ifPresent(points::add);
        }
        return points;
    }

    private static Optional<LaunchPoint> jobPoint(
            JsonElement container,
            String path,
            String name,
            String property,
            boolean fargate,
            Function<JsonElement, Optional<String>> setBy) {
        Optional<String> unresolved = PropertyReader.setAtDeployment(container, setBy);
        if (unresolved.isPresent()) {
            return Optional.of(unresolvedPoint(
                    name,
                    property,
                    new UnresolvedValue(name, "set by " + unresolved.get() + ", known only at deployment")));
        }
        if (!container.isJsonObject()) {
            throw new BadInputException(path, "must be an object, got " + kind(container));
        }
        Optional<AwsvpcNetwork> network = PropertyReader.networkBlock(container.getAsJsonObject(), path, setBy);
        if (network.isEmpty() && fargate) {
            // On Fargate every job has an awsvpc network; without the block AWS Batch assigns no public IP.
            network = Optional.of(new AwsvpcNetwork(Optional.empty(), List.of(), List.of()));
        }
        return Optional.of(new LaunchPoint(name, property, network));
    }

    /** Whether the job runs on Fargate ({@code PlatformCapabilities} holds FARGATE, or may: fail closed). */
    private static boolean fargate(JsonObject properties, String path, Function<JsonElement, Optional<String>> setBy) {
        JsonElement capabilities = PropertyReader.member(properties, "platformCapabilities", path);
        if (capabilities == null || capabilities.isJsonNull()) {
            return false;
        }
        if (PropertyReader.setAtDeployment(capabilities, setBy).isPresent() || !capabilities.isJsonArray()) {
            return true;
        }
        for (JsonElement capability : capabilities.getAsJsonArray()) {
            if (!capability.isJsonPrimitive()
                    || PropertyReader.setAtDeployment(capability, setBy).isPresent()
                    || Ascii.equalsIgnoreCase(capability.getAsString(), "FARGATE")) {
                return true;
            }
        }
        return false;
    }

    static LaunchPoint unresolvedPoint(String name, String property, UnresolvedValue value) {
        return new LaunchPoint(name, property, Optional.of(AwsvpcNetwork.unresolved(value, List.of(), List.of())));
    }
}
