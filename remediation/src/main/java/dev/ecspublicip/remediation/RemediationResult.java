package dev.ecspublicip.remediation;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What the remediation function answers (and the CLI prints): the outcome, the resource as given and
 * as found in ECS, the calls made (or planned), and why.
 *
 * @param resourceArn the ECS ARN of the service or task set, once it was found
 * @param replacementTaskSetArn for a task set, the replacement that carries {@code assignPublicIp} DISABLED
 */
public record RemediationResult(
        Outcome outcome,
        String resourceType,
        String resourceId,
        Optional<String> resourceArn,
        Optional<String> replacementTaskSetArn,
        boolean dryRun,
        List<Action> actions,
        String reason) {

    public RemediationResult {
        actions = List.copyOf(actions);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("outcome", outcome.name());
        json.addProperty("resourceType", resourceType);
        json.addProperty("resourceId", resourceId);
        resourceArn.ifPresent(arn -> json.addProperty("resourceArn", arn));
        replacementTaskSetArn.ifPresent(arn -> json.addProperty("replacementTaskSetArn", arn));
        json.addProperty("dryRun", dryRun);
        JsonArray calls = new JsonArray();
        actions.forEach(action -> calls.add(action.toJson()));
        json.add("actions", calls);
        json.addProperty("reason", reason);
        return json;
    }
}
