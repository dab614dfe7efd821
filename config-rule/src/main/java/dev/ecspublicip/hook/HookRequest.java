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
 * rule needs. The same hook judges resources created or updated through the Cloud Control API
 * (TargetOperations {@code CLOUD_CONTROL}); such a request is read the same way, the proposed properties
 * in {@code requestData.targetModel.resourceProperties}, and is told apart by carrying no stack ARN.
 *
 * @param clientRequestToken echoed in the response
 * @param invocationPoint {@code CREATE_PRE_PROVISION}, {@code UPDATE_PRE_PROVISION} or {@code DELETE_PRE_PROVISION}
 * @param targetName the resource type, e.g. {@code AWS::ECS::Service}
 * @param logicalId the resource's logical id in its template
 * @param resourceProperties the proposed properties (empty for a deletion)
 * @param location the partition, Region and account of the stack's ARN ({@code stackId}), when given; for a
 *     Cloud Control request the account it names ({@code awsAccountId}) in the partition and Region of the
 *     hook's function ({@code hookModel.LambdaFunction}), which is where the hook, and so the resource, is
 * @param operation a stack's resource operation, or a Cloud Control API operation
 */
public record HookRequest(
        String clientRequestToken,
        String invocationPoint,
        String targetName,
        String logicalId,
        Optional<JsonObject> resourceProperties,
        Optional<AwsLocation> location,
        Operation operation) {

    /** What the hook was invoked for; CloudFormation keeps this many characters of the answer's message. */
    public enum Operation {
        STACK_RESOURCE(4_096),
        CLOUD_CONTROL(1_024);

        private final int messageLimit;

        Operation(int messageLimit) {
            this.messageLimit = messageLimit;
        }

        public int messageLimit() {
            return messageLimit;
        }
    }

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
        if (stack.isPresent()) {
            return new HookRequest(
                    token, invocationPoint, targetName, logicalId, properties, stack, Operation.STACK_RESOURCE);
        }
        return new HookRequest(
                token,
                invocationPoint,
                targetName,
                logicalId,
                properties,
                cloudControlLocation(event),
                Operation.CLOUD_CONTROL);
    }

    /** No stack: the account the request names, in the partition and Region of the hook's own function. */
    private static Optional<AwsLocation> cloudControlLocation(JsonObject event) {
        Optional<String> account =
                JsonInput.optionalString(event, "awsAccountId", "").filter(AwsLocation::isAccount);
        Optional<AwsLocation> function = Optional.ofNullable(event.get("hookModel"))
                .filter(JsonElement::isJsonObject)
                .flatMap(model -> JsonInput.optionalString(model.getAsJsonObject(), "LambdaFunction", "hookModel"))
                .flatMap(arn -> AwsLocation.ofArn(arn, "lambda", "function"));
        return account.isPresent() && function.isPresent()
                ? Optional.of(new AwsLocation(
                        function.get().partition(), function.get().region(), account.get()))
                : Optional.empty();
    }
}
