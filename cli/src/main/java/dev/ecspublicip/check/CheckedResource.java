package dev.ecspublicip.check;

import com.google.gson.JsonObject;
import dev.ecspublicip.rule.Verdict;

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

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("File", file);
        json.addProperty("Resource", resource);
        json.addProperty("ResourceType", resourceType);
        // The key scan and evaluate give the same fact under: the Config resource type judged.
        json.addProperty("ComplianceResourceType", isTaskSet() ? "AWS::ECS::TaskSet" : "AWS::ECS::Service");
        json.addProperty("ComplianceType", verdict.compliance().name());
        json.addProperty("Annotation", verdict.annotation());
        return json;
    }
}
