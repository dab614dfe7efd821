package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.check.PlanResourceType.PlannedChange;
import dev.ecspublicip.config.CloudFormationProperties;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.LaunchPoint;
import dev.ecspublicip.resource.Presence;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
    private static EcsResource eventTarget(PlannedChange change) {
        Block planned = Block.of(change);
        JsonObject target = new JsonObject();
        planned.copy("target_id", target, "Id");
        planned.copy("input", target, "Input");
        planned.nest("input_transformer", target, "InputTransformer", transformer -> {
            JsonObject cfn = new JsonObject();
            transformer.copy("input_template", cfn, "InputTemplate");
            return cfn;
        });
        planned.nest("ecs_target", target, "EcsParameters", ecs -> ecsParameters(ecs, "AwsVpcConfiguration"));
        JsonArray targets = new JsonArray();
        targets.add(target);
        JsonObject properties = new JsonObject();
        properties.add("Targets", targets);
        planned.copy("rule", properties, "Name");
        return read(ResourceKind.EVENTS_RULE, change, properties);
    }

    private static EcsResource schedule(PlannedChange change) {
        Block planned = Block.of(change);
        JsonObject properties = new JsonObject();
        planned.copy("name", properties, "Name");
        planned.nest("target", properties, "Target", target -> {
            JsonObject cfn = new JsonObject();
            target.copy("input", cfn, "Input");
            target.nest("ecs_parameters", cfn, "EcsParameters", ecs -> ecsParameters(ecs, "AwsvpcConfiguration"));
            return cfn;
        });
        return read(ResourceKind.SCHEDULE, change, properties);
    }

    private static EcsResource pipe(PlannedChange change) {
        Block planned = Block.of(change);
        JsonObject properties = new JsonObject();
        planned.copy("name", properties, "Name");
        tags(change, properties);
        planned.nest("target_parameters", properties, "TargetParameters", parameters -> {
            JsonObject cfn = new JsonObject();
            parameters.copy("input_template", cfn, "InputTemplate");
            parameters.nest("ecs_task_parameters", cfn, "EcsTaskParameters", ecs -> {
                JsonObject ecsCfn = new JsonObject();
                ecs.nest("network_configuration", ecsCfn, "NetworkConfiguration", network -> {
                    JsonObject networkCfn = new JsonObject();
                    // The pipe's flag is the text ENABLED/DISABLED, as in CloudFormation: copied as it is.
                    network.nest("aws_vpc_configuration", networkCfn, "AwsvpcConfiguration", vpc -> {
                        JsonObject vpcCfn = new JsonObject();
                        vpc.copy("assign_public_ip", vpcCfn, "AssignPublicIp");
                        return vpcCfn;
                    });
                    return networkCfn;
                });
                return ecsCfn;
            });
            return cfn;
        });
        return read(ResourceKind.PIPE, change, properties);
    }

    private static EcsResource stateMachine(PlannedChange change) {
        Block planned = Block.of(change);
        JsonObject properties = new JsonObject();
        planned.copy("name", properties, "StateMachineName");
        planned.copy("definition", properties, "DefinitionString");
        tags(change, properties);
        return read(ResourceKind.STATE_MACHINE, change, properties);
    }

    private static EcsResource jobDefinition(PlannedChange change) {
        Block planned = Block.of(change);
        JsonObject properties = new JsonObject();
        planned.copy("name", properties, "JobDefinitionName");
        planned.copy("platform_capabilities", properties, "PlatformCapabilities");
        for (String[] json :
                new String[][] {{"container_properties", "ContainerProperties"}, {"ecs_properties", "EcsProperties"}}) {
            if (isTrue(change.unknown().get(json[0]))) {
                properties.add(json[1], TemplateValue.unresolved(AFTER_APPLY));
                continue;
            }
            JsonElement text = change.after().get(json[0]);
            if (text == null || text.isJsonNull()) {
                continue;
            }
            if (!text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
                throw new BadInputException(
                        change.path() + "." + json[0], "must be JSON text, got " + JsonInput.kind(text));
            }
            properties.add(json[1], JsonInput.parse(text.getAsString(), change.path() + "." + json[0]));
        }
        tags(change, properties);
        return read(ResourceKind.JOB_DEFINITION, change, properties);
    }

    /** An event target's or a schedule's ECS block, whose {@code assign_public_ip} is a boolean. */
    private static JsonObject ecsParameters(Block ecs, String awsvpcSpelling) {
        JsonObject cfn = new JsonObject();
        ecs.nest("network_configuration", cfn, "NetworkConfiguration", network -> {
            JsonObject vpc = new JsonObject();
            if (isTrue(network.unknown().get("assign_public_ip"))) {
                vpc.add("AssignPublicIp", TemplateValue.unresolved(AFTER_APPLY));
            } else {
                JsonElement flag = network.after().get("assign_public_ip");
                if (flag != null && !flag.isJsonNull()) {
                    if (!(flag.isJsonPrimitive() && flag.getAsJsonPrimitive().isBoolean())) {
                        throw new BadInputException(
                                network.path() + ".assign_public_ip", "must be a boolean, got " + JsonInput.kind(flag));
                    }
                    vpc.addProperty("AssignPublicIp", flag.getAsBoolean() ? "ENABLED" : "DISABLED");
                }
            }
            JsonObject networkCfn = new JsonObject();
            networkCfn.add(awsvpcSpelling, vpc);
            return networkCfn;
        });
        return cfn;
    }

    /**
     * A resource's planned values or one of its nested blocks: the values, what {@code after_unknown} says
     * of them, and the block's path for errors.
     */
    private record Block(JsonObject after, JsonObject unknown, String path) {
        static Block of(PlannedChange change) {
            return new Block(change.after(), change.unknown(), change.path());
        }

        /** An attribute as a property, unresolved when known only after apply. */
        void copy(String name, JsonObject to, String property) {
            if (isTrue(unknown.get(name))) {
                to.add(property, TemplateValue.unresolved(AFTER_APPLY));
            } else if (after.has(name) && !after.get(name).isJsonNull()) {
                to.add(property, after.get(name));
            }
        }

        /**
         * The nested block {@code name} (a list of one) as {@code property}, made by {@code convert}; a block
         * known only after apply is unresolved as a whole; nothing when absent.
         */
        void nest(String name, JsonObject to, String property, Function<Block, JsonObject> convert) {
            if (isTrue(unknown.get(name))) {
                to.add(property, TemplateValue.unresolved(AFTER_APPLY));
                return;
            }
            JsonElement list = after.get(name);
            if (list == null || list.isJsonNull()) {
                return;
            }
            if (!list.isJsonArray()) {
                throw new BadInputException(path + "." + name, "must be a list, got " + JsonInput.kind(list));
            }
            if (list.getAsJsonArray().isEmpty()) {
                return;
            }
            JsonElement first = list.getAsJsonArray().get(0);
            String firstPath = path + "." + name + "[0]";
            if (!first.isJsonObject()) {
                throw new BadInputException(firstPath, "must be an object, got " + JsonInput.kind(first));
            }
            to.add(property, convert.apply(new Block(first.getAsJsonObject(), unknownBlock(name), firstPath)));
        }

        private JsonObject unknownBlock(String name) {
            JsonElement list = unknown.get(name);
            if (list != null
                    && list.isJsonArray()
                    && !list.getAsJsonArray().isEmpty()
                    && list.getAsJsonArray().get(0).isJsonObject()) {
                return list.getAsJsonArray().get(0).getAsJsonObject();
            }
            return new JsonObject();
        }
    }

    private static EcsResource read(ResourceKind kind, PlannedChange change, JsonObject properties) {
        ResourceKey key = new ResourceKey(kind.configType(), change.address());
        if (change.whole().isPresent()) {
            return EcsResource.launcher(
                    key,
                    Optional.empty(),
                    Optional.empty(),
                    Presence.RECORDED,
                    List.of(new LaunchPoint(
                            "its planned change",
                            "change",
                            Optional.of(AwsvpcNetwork.unresolved(change.whole().get(), List.of(), List.of())))),
                    Map.of());
        }
        return CloudFormationProperties.readTemplate(
                kind.configType(), change.address(), properties, change.where(), change.path(), TemplateValue::setBy);
    }

    /** {@code tags_all} (provider default tags included) when the plan has it, else {@code tags}. */
    private static void tags(PlannedChange change, JsonObject properties) {
        JsonObject after = change.after();
        JsonObject unknown = change.unknown();
        String key = after.has("tags_all") && after.get("tags_all").isJsonObject() ? "tags_all" : "tags";
        if (!isTrue(unknown.get(key)) && after.get(key) instanceof JsonObject tags) {
            properties.add("Tags", tags);
        }
    }

    private static boolean isTrue(JsonElement value) {
        return value instanceof JsonPrimitive p && p.isBoolean() && p.getAsBoolean();
    }
}
