package dev.ecspublicip.check;

import com.google.gson.JsonObject;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.Verdict;
import java.util.Map;

/**
 * One resource of a template or plan, judged before deployment.
 *
 * @param resource the template's logical id, or the Terraform address (module path included)
 * @param resourceType as the file names it: {@code AWS::ECS::Service}, {@code aws_ecs_service}...
 * @param line where the file names the resource (its logical id, or the loop or include that makes it; a
 *     change's address), from 1; 0 when not known
 */
public record CheckedResource(String file, String resource, String resourceType, Verdict verdict, int line) {
    public CheckedResource(String file, String resource, String resourceType, Verdict verdict) {
        this(file, resource, resourceType, verdict, 0);
    }

    /** Whether it is a task set (Security Hub ECS.16) rather than a service (ECS.2). */
    public boolean isTaskSet() {
        return resourceType.contains("TaskSet") || resourceType.endsWith("task_set");
    }

    /** Terraform's types by the CloudFormation (and Config) type of what they declare. */
    private static final Map<String, String> CONFIG_TYPES = Map.of(
            "aws_ecs_service", "AWS::ECS::Service",
            "awscc_ecs_service", "AWS::ECS::Service",
            "aws_ecs_task_set", "AWS::ECS::TaskSet",
            "awscc_ecs_task_set", "AWS::ECS::TaskSet",
            "aws_cloudwatch_event_target", "AWS::Events::Rule",
            "aws_scheduler_schedule", "AWS::Scheduler::Schedule",
            "aws_pipes_pipe", "AWS::Pipes::Pipe",
            "aws_sfn_state_machine", "AWS::StepFunctions::StateMachine",
            "aws_batch_job_definition", "AWS::Batch::JobDefinition");

    /**
     * The resource type as Config, scan and evaluate name it: a template's own, a plan's mapped; what hides
     * resources from {@code check} (an {@code AWS::Include}, a macro) is judged as the ECS service it may add.
     */
    public String complianceResourceType() {
        String type = resourceType.startsWith("AWS::") ? resourceType : CONFIG_TYPES.getOrDefault(resourceType, "");
        ResourceKind kind = ResourceKind.ofConfigType(type);
        if (kind.isEcs() || kind.isLauncher()) {
            return type;
        }
        return isTaskSet() ? "AWS::ECS::TaskSet" : "AWS::ECS::Service";
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("File", file);
        json.addProperty("Resource", resource);
        json.addProperty("ResourceType", resourceType);
        // The key scan and evaluate give the same fact under: the Config resource type judged.
        json.addProperty("ComplianceResourceType", complianceResourceType());
        json.addProperty("ComplianceType", verdict.compliance().name());
        json.addProperty("Annotation", verdict.annotation());
        return json;
    }
}
