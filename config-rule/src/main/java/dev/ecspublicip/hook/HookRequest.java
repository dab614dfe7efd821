package dev.ecspublicip.hook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.AwsLocation;
import java.util.Optional;

/**
 * A CloudFormation Lambda-hook request for a resource operation, as the CloudFormation Hooks User Guide
 * documents it ("Create Lambda functions to evaluate resources for Lambda Hooks"): only the fields the
 * rule needs.
 *
 * @param clientRequestToken echoed in the response
 * @param invocationPoint {@code CREATE_PRE_PROVISION}, {@code UPDATE_PRE_PROVISION} or {@code DELETE_PRE_PROVISION}
 * @param targetName the resource type, e.g. {@code AWS::ECS::Service}
 * @param logicalId the resource's logical id in its template
 * @param resourceProperties the proposed properties (empty for a deletion)
 * @param stackLocation the partition, Region and account of the stack's ARN ({@code stackId}), when given
 */
public record HookRequest(
        String clientRequestToken,
        String invocationPoint,
        String targetName,
        String logicalId,
        Optional<JsonObject> resourceProperties,
        Optional<AwsLocation> stackLocation) {

    public static final String CREATE = "CREATE_PRE_PROVISION";
    public static final String UPDATE = "UPDATE_PRE_PROVISION";
    public static final String DELETE = "DELETE_PRE_PROVISION";

    /** True when the JSON looks like a hook request rather than a Config rule event. */
    public static boolean looksLikeHookRequest(JsonObject event) {
        return event.has("actionInvocationPoint") || event.has("hookTypeName");
    }

    /**
     * The request read only to route it or to echo its token, never to judge it: Gson's own parser, which
     * lets the last of two equal keys win. Empty when it is not a JSON object at all.
     */
    public static Optional<JsonObject> skim(String text) {
        try {
            JsonElement element = JsonParser.parseString(text);
            return element.isJsonObject() ? Optional.of(element.getAsJsonObject()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The token, as far as it can be read from a request that may be malformed; the guide spells it
     * {@code clientRequestToken} (and {@code clientRequesttoken} in one of its syntax blocks).
     */
    public static Optional<String> token(JsonObject event) {
        for (String name : new String[] {"clientRequestToken", "clientRequesttoken"}) {
            JsonElement value = event.get(name);
            if (value != null
                    && value.isJsonPrimitive()
                    && value.getAsJsonPrimitive().isString()
                    && !value.getAsString().isEmpty()) {
                return Optional.of(value.getAsString());
            }
        }
        return Optional.empty();
    }

    public static HookRequest parse(JsonObject event) {
        String token = token(event).orElseThrow(() -> new BadInputException("clientRequestToken", "is missing"));
        String invocationPoint = JsonInput.requiredString(event, "actionInvocationPoint", "");
        if (!invocationPoint.equals(CREATE) && !invocationPoint.equals(UPDATE) && !invocationPoint.equals(DELETE)) {
            throw new BadInputException(
                    "actionInvocationPoint",
                    ErrorLine.quote(invocationPoint) + " is not " + CREATE + ", " + UPDATE + " or " + DELETE);
        }
        JsonObject requestData = JsonInput.requiredObject(event, "requestData", "");
        String targetName = JsonInput.requiredString(requestData, "targetName", "requestData");
        String logicalId = JsonInput.optionalString(requestData, "targetLogicalId", "requestData")
                .filter(s -> !s.isEmpty())
                .orElse(targetName);
        Optional<JsonObject> properties = Optional.empty();
        if (!invocationPoint.equals(DELETE)) {
            JsonObject model = JsonInput.requiredObject(requestData, "targetModel", "requestData");
            properties = Optional.of(JsonInput.requiredObject(model, "resourceProperties", "requestData.targetModel"));
        }
        Optional<AwsLocation> stack = JsonInput.optionalString(event, "stackId", "")
                .flatMap(stackId -> AwsLocation.ofArn(stackId, "cloudformation", "stack"));
        return new HookRequest(token, invocationPoint, targetName, logicalId, properties, stack);
    }
}
