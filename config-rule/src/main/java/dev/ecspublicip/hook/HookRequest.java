package dev.ecspublicip.hook;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.config.JsonInput;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * @param ecsArnPrefix {@code arn:PARTITION:ecs:REGION:ACCOUNT:} from the stack's ARN, when given; for a
 *     Cloud Control request from {@code awsAccountId} and the partition and region of the hook's function
 *     ({@code hookModel.LambdaFunction}), which is where the hook, and so the resource, is
 * @param operation a stack's resource operation, or a Cloud Control API operation
 */
public record HookRequest(
        String clientRequestToken,
        String invocationPoint,
        String targetName,
        String logicalId,
        Optional<JsonObject> resourceProperties,
        Optional<String> ecsArnPrefix,
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

    private static final Pattern STACK_ARN =
            Pattern.compile("arn:(aws[a-z-]*):cloudformation:([a-z0-9-]+):([0-9]{12}):stack/.+");
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:(aws[a-z-]*):lambda:([a-z0-9-]+):[0-9]{12}:function:.+");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

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
        Optional<String> stackPrefix =
                JsonInput.optionalString(event, "stackId", "").flatMap(HookRequest::ecsArnPrefix);
        if (stackPrefix.isPresent()) {
            return new HookRequest(
                    token, invocationPoint, targetName, logicalId, properties, stackPrefix, Operation.STACK_RESOURCE);
        }
        return new HookRequest(
                token,
                invocationPoint,
                targetName,
                logicalId,
                properties,
                cloudControlPrefix(event),
                Operation.CLOUD_CONTROL);
    }

    private static Optional<String> ecsArnPrefix(String stackId) {
        Matcher m = STACK_ARN.matcher(stackId);
        return m.matches()
                ? Optional.of("arn:" + m.group(1) + ":ecs:" + m.group(2) + ":" + m.group(3) + ":")
                : Optional.empty();
    }

    /** No stack: the account the request names, in the partition and region of the hook's own function. */
    private static Optional<String> cloudControlPrefix(JsonObject event) {
        Optional<String> account = JsonInput.optionalString(event, "awsAccountId", "")
                .filter(a -> ACCOUNT.matcher(a).matches());
        Optional<Matcher> function = Optional.ofNullable(event.get("hookModel"))
                .filter(JsonElement::isJsonObject)
                .flatMap(model -> JsonInput.optionalString(model.getAsJsonObject(), "LambdaFunction", "hookModel"))
                .map(FUNCTION_ARN::matcher)
                .filter(Matcher::matches);
        return account.isPresent() && function.isPresent()
                ? Optional.of("arn:" + function.get().group(1) + ":ecs:"
                        + function.get().group(2) + ":" + account.get() + ":")
                : Optional.empty();
    }
}
