package dev.ecspublicip.config;

import com.google.gson.JsonObject;
import dev.ecspublicip.resource.ResourceKey;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Verdict;
import java.time.Instant;

/**
 * One evaluation to put to AWS Config, with the resource type and id exactly as Config gave them.
 *
 * @param orderingTimestamp the item's capture time for change events, the notification time for sweeps
 */
public record Evaluation(ResourceKey key, Verdict verdict, Instant orderingTimestamp) {
    public String resourceType() {
        return key.resourceType();
    }

    public String resourceId() {
        return key.resourceId();
    }

    public Compliance compliance() {
        return verdict.compliance();
    }

    public String annotation() {
        return verdict.annotation();
    }

    /** The evaluation as a JSON object whose keys are PutEvaluations' own, as the CLI prints it. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("ComplianceResourceType", resourceType());
        json.addProperty("ComplianceResourceId", resourceId());
        json.addProperty("ComplianceType", compliance().name());
        if (annotation() != null) {
            json.addProperty("Annotation", annotation());
        }
        json.addProperty("OrderingTimestamp", orderingTimestamp.toString());
        return json;
    }
}
