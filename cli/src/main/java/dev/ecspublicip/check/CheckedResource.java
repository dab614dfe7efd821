package dev.ecspublicip.check;

import com.google.gson.JsonObject;
import dev.ecspublicip.rule.Verdict;

/**
 * One resource of a template or plan, judged before deployment.
 *
 * @param resource the template's logical id, or the Terraform address (module path included)
 * @param resourceType as the file names it: {@code AWS::ECS::Service}, {@code aws_ecs_service}...
 */
public record CheckedResource(String file, String resource, String resourceType, Verdict verdict) {
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("File", file);
        json.addProperty("Resource", resource);
        json.addProperty("ResourceType", resourceType);
        json.addProperty("ComplianceType", verdict.compliance().name());
        json.addProperty("Annotation", verdict.annotation());
        return json;
    }
}
