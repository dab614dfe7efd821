package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.CloudFormationProperties;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.UnresolvedValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS provider's resources that launch ECS tasks, read by putting their planned attributes into
 * CloudFormation's shape and reading that with the launchers' one reader ({@link
 * CloudFormationProperties#readTemplate}); what {@code after_unknown} marks is unresolved there. Attribute
 * types as the provider documents them (https://registry.terraform.io/providers/hashicorp/aws/latest/docs):
 * nested blocks are lists of one; {@code assign_public_ip} is a boolean in {@code aws_cloudwatch_event_target}
 * and {@code aws_scheduler_schedule}, the text ENABLED/DISABLED in {@code aws_pipes_pipe}; a state machine's
 * {@code definition} and a job definition's {@code container_properties} and {@code ecs_properties} are JSON
 * text (the API's camelCase, which the reader matches without regard to case).
 */
final class LauncherPlanTypes {
    private static final String AFTER_APPLY = "terraform apply";
    /** Marks a block the plan knows only after apply (no attribute name holds NUL). */
    private static final String UNKNOWN_BLOCK = "\u0000unknown";

    private LauncherPlanTypes() {}

    static Map<String, PlanResourceType> types() {
        return Map.of(
                "aws_cloudwatch_event_target", LauncherPlanTypes::eventTarget,
                "aws_scheduler_schedule", LauncherPlanTypes::schedule,
                "aws_pipes_pipe", LauncherPlanTypes::pipe,
                "aws_sfn_state_machine", LauncherPlanTypes::stateMachine,
                "aws_batch_job_definition", LauncherPlanTypes::jobDefinition);
    }

    /** One target of an EventBridge rule: judged as the rule's one launch point (the target has no tags). */
    private static EcsResource eventTarget(
            String address,
            JsonObject after,
            JsonObject unknown,
            String path,
            Optional<AwsLocation> where,
            Optional<UnresolvedValue> whole) {
        JsonObject target = new JsonObject();
        copy(after, unknown, "target_id", target, "Id");
        copy(after, unknown, "input", target, "Input");
        JsonObject transformer = block(after, unknown, "input_transformer", path);
        if (transformer != null) {
            JsonObject cfn = new JsonObject();
            copy(transformer, unknownBlock(unknown, "input_transformer"), "input_template", cfn, "InputTemplate");
            target.add("InputTransformer", cfn);
        }
        JsonObject ecs = block(after, unknown, "ecs_target", path);
        if (marked(ecs)) {
            target.add("EcsParameters", TemplateValue.unresolved(AFTER_APPLY));
        } else if (ecs != null) {
            target.add(
                    "EcsParameters",
                    ecsParameters(
                            ecs,
                            unknownBlock(unknown, "ecs_target"),
                            path + ".ecs_target[0]",
                            "AwsVpcConfiguration",
                            true));
        }
        JsonArray targets = new JsonArray();
        targets.add(target);
        JsonObject properties = new JsonObject();
        properties.add("Targets", targets);
        copy(after, unknown, "rule", properties, "Name");
        return read(ResourceKind.EVENTS_RULE, address, properties, path, where, whole);
    }

    private static EcsResource schedule(
            String address,
            JsonObject after,
            JsonObject unknown,
            String path,
            Optional<AwsLocation> where,
            Optional<UnresolvedValue> whole) {
        JsonObject properties = new JsonObject();
        copy(after, unknown, "name", properties, "Name");
        JsonObject target = block(after, unknown, "target", path);
        if (marked(target)) {
            properties.add("Target", TemplateValue.unresolved(AFTER_APPLY));
        } else if (target != null) {
            JsonObject targetUnknown = unknownBlock(unknown, "target");
            JsonObject cfn = new JsonObject();
            copy(target, targetUnknown, "input", cfn, "Input");
            JsonObject ecs = block(target, targetUnknown, "ecs_parameters", path + ".target[0]");
            if (marked(ecs)) {
                cfn.add("EcsParameters", TemplateValue.unresolved(AFTER_APPLY));
            } else if (ecs != null) {
                cfn.add(
                        "EcsParameters",
                        ecsParameters(
                                ecs,
                                unknownBlock(targetUnknown, "ecs_parameters"),
                                path + ".target[0].ecs_parameters[0]",
                                "AwsvpcConfiguration",
                                true));
            }
            properties.add("Target", cfn);
        }
        return read(ResourceKind.SCHEDULE, address, properties, path, where, whole);
    }

    private static EcsResource pipe(
            String address,
            JsonObject after,
            JsonObject unknown,
            String path,
            Optional<AwsLocation> where,
            Optional<UnresolvedValue> whole) {
        JsonObject properties = new JsonObject();
        copy(after, unknown, "name", properties, "Name");
        tags(after, unknown, properties);
        JsonObject parameters = block(after, unknown, "target_parameters", path);
        if (marked(parameters)) {
            properties.add("TargetParameters", TemplateValue.unresolved(AFTER_APPLY));
        } else if (parameters != null) {
            JsonObject parametersUnknown = unknownBlock(unknown, "target_parameters");
            JsonObject cfn = new JsonObject();
            copy(parameters, parametersUnknown, "input_template", cfn, "InputTemplate");
            String ecsPath = path + ".target_parameters[0]";
            JsonObject ecs = block(parameters, parametersUnknown, "ecs_task_parameters", ecsPath);
            if (marked(ecs)) {
                cfn.add("EcsTaskParameters", TemplateValue.unresolved(AFTER_APPLY));
            } else if (ecs != null) {
                JsonObject ecsUnknown = unknownBlock(parametersUnknown, "ecs_task_parameters");
                JsonObject network =
                        block(ecs, ecsUnknown, "network_configuration", ecsPath + ".ecs_task_parameters[0]");
                JsonObject ecsCfn = new JsonObject();
                if (marked(network)) {
                    ecsCfn.add("NetworkConfiguration", TemplateValue.unresolved(AFTER_APPLY));
                } else if (network != null) {
                    JsonObject networkUnknown = unknownBlock(ecsUnknown, "network_configuration");
                    JsonObject vpc = block(
                            network,
                            networkUnknown,
                            "aws_vpc_configuration",
                            ecsPath + ".ecs_task_parameters[0].network_configuration[0]");
                    JsonObject networkCfn = new JsonObject();
                    if (marked(vpc)) {
                        networkCfn.add("AwsvpcConfiguration", TemplateValue.unresolved(AFTER_APPLY));
                    } else if (vpc != null) {
                        JsonObject vpcCfn = new JsonObject();
                        copy(
                                vpc,
                                unknownBlock(networkUnknown, "aws_vpc_configuration"),
                                "assign_public_ip",
                                vpcCfn,
                                "AssignPublicIp");
                        networkCfn.add("AwsvpcConfiguration", vpcCfn);
                    }
                    ecsCfn.add("NetworkConfiguration", networkCfn);
                }
                cfn.add("EcsTaskParameters", ecsCfn);
            }
            properties.add("TargetParameters", cfn);
        }
        return read(ResourceKind.PIPE, address, properties, path, where, whole);
    }

    private static EcsResource stateMachine(
            String address,
            JsonObject after,
            JsonObject unknown,
            String path,
            Optional<AwsLocation> where,
            Optional<UnresolvedValue> whole) {
        JsonObject properties = new JsonObject();
        copy(after, unknown, "name", properties, "StateMachineName");
        copy(after, unknown, "definition", properties, "DefinitionString");
        tags(after, unknown, properties);
        return read(ResourceKind.STATE_MACHINE, address, properties, path, where, whole);
    }

    private static EcsResource jobDefinition(
            String address,
            JsonObject after,
            JsonObject unknown,
            String path,
            Optional<AwsLocation> where,
            Optional<UnresolvedValue> whole) {
        JsonObject properties = new JsonObject();
        copy(after, unknown, "name", properties, "JobDefinitionName");
        copy(after, unknown, "platform_capabilities", properties, "PlatformCapabilities");
        for (String[] json :
                new String[][] {{"container_properties", "ContainerProperties"}, {"ecs_properties", "EcsProperties"}}) {
            if (isTrue(unknown.get(json[0]))) {
                properties.add(json[1], TemplateValue.unresolved(AFTER_APPLY));
                continue;
            }
            JsonElement text = after.get(json[0]);
            if (text == null || text.isJsonNull()) {
                continue;
            }
            if (!text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
                throw new BadInputException(path + "." + json[0], "must be JSON text, got " + JsonInput.kind(text));
            }
            properties.add(json[1], JsonInput.parse(text.getAsString(), path + "." + json[0]));
        }
        tags(after, unknown, properties);
        return read(ResourceKind.JOB_DEFINITION, address, properties, path, where, whole);
    }

    private static JsonObject ecsParameters(
            JsonObject ecs, JsonObject unknown, String path, String awsvpcSpelling, boolean booleanFlag) {
        JsonObject cfn = new JsonObject();
        JsonObject network = block(ecs, unknown, "network_configuration", path);
        if (marked(network)) {
            cfn.add("NetworkConfiguration", TemplateValue.unresolved(AFTER_APPLY));
        } else if (network != null) {
            JsonObject networkUnknown = unknownBlock(unknown, "network_configuration");
            JsonObject vpc = new JsonObject();
            String flagPath = path + ".network_configuration[0].assign_public_ip";
            if (isTrue(networkUnknown.get("assign_public_ip"))) {
                vpc.add("AssignPublicIp", TemplateValue.unresolved(AFTER_APPLY));
            } else {
                JsonElement flag = network.get("assign_public_ip");
                if (flag != null && !flag.isJsonNull()) {
                    if (booleanFlag
                            && !(flag.isJsonPrimitive()
                                    && flag.getAsJsonPrimitive().isBoolean())) {
                        throw new BadInputException(flagPath, "must be a boolean, got " + JsonInput.kind(flag));
                    }
                    vpc.addProperty("AssignPublicIp", flag.getAsBoolean() ? "ENABLED" : "DISABLED");
                }
            }
            JsonObject networkCfn = new JsonObject();
            networkCfn.add(awsvpcSpelling, vpc);
            cfn.add("NetworkConfiguration", networkCfn);
        }
        return cfn;
    }

    private static EcsResource read(
            ResourceKind kind,
            String address,
            JsonObject properties,
            String path,
            Optional<AwsLocation> where,
            Optional<UnresolvedValue> whole) {
        if (whole.isPresent()) {
            return EcsResource.launcher(
                    new ResourceKey(kind.configType(), address),
                    Optional.empty(),
                    Optional.empty(),
                    Presence.RECORDED,
                    List.of(new LaunchPoint(
                            "its planned change",
                            "change",
                            Optional.of(AwsvpcNetwork.unresolved(whole.get(), List.of(), List.of())))),
                    Map.of());
        }
        return CloudFormationProperties.readTemplate(
                kind.configType(), address, properties, where, path, TemplateValue::setBy);
    }

    /** A nested block (a list of one), null when absent; a block known only after apply is unresolved as a whole. */
    private static JsonObject block(JsonObject from, JsonObject unknown, String name, String path) {
        if (isTrue(unknown.get(name))) {
            JsonObject marked = new JsonObject();
            marked.add(UNKNOWN_BLOCK, TemplateValue.unresolved(AFTER_APPLY));
            return marked;
        }
        JsonElement list = from.get(name);
        if (list == null || list.isJsonNull()) {
            return null;
        }
        if (!list.isJsonArray()) {
            throw new BadInputException(path + "." + name, "must be a list, got " + JsonInput.kind(list));
        }
        if (list.getAsJsonArray().isEmpty()) {
            return null;
        }
        JsonElement first = list.getAsJsonArray().get(0);
        if (!first.isJsonObject()) {
            throw new BadInputException(path + "." + name + "[0]", "must be an object, got " + JsonInput.kind(first));
        }
        return first.getAsJsonObject();
    }

    private static boolean marked(JsonObject block) {
        return block != null && block.has(UNKNOWN_BLOCK);
    }

    private static JsonObject unknownBlock(JsonObject unknown, String name) {
        JsonElement list = unknown.get(name);
        if (list != null
                && list.isJsonArray()
                && !list.getAsJsonArray().isEmpty()
                && list.getAsJsonArray().get(0).isJsonObject()) {
            return list.getAsJsonArray().get(0).getAsJsonObject();
        }
        return new JsonObject();
    }

    /** An attribute as a property, unresolved when known only after apply. */
    private static void copy(JsonObject from, JsonObject unknown, String name, JsonObject to, String property) {
        if (isTrue(unknown.get(name))) {
            to.add(property, TemplateValue.unresolved(AFTER_APPLY));
        } else if (from.has(name) && !from.get(name).isJsonNull()) {
            to.add(property, from.get(name));
        }
    }

    /** {@code tags_all} (provider default tags included) when the plan has it, else {@code tags}. */
    private static void tags(JsonObject after, JsonObject unknown, JsonObject properties) {
        String key = after.has("tags_all") && after.get("tags_all").isJsonObject() ? "tags_all" : "tags";
        if (!isTrue(unknown.get(key)) && after.get(key) instanceof JsonObject tags) {
            properties.add("Tags", tags);
        }
    }

    private static boolean isTrue(JsonElement value) {
        return value instanceof JsonPrimitive p && p.isBoolean() && p.getAsBoolean();
    }
}
