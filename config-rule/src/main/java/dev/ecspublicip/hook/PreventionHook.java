package dev.ecspublicip.hook;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.CloudFormationProperties;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rule as a CloudFormation Lambda hook: a service or task set about to be created or updated with
 * properties the rule finds NON_COMPLIANT is answered FAILED/NonCompliant with the rule's annotation;
 * everything else SUCCESS with a message saying why. Never throws: a request or rule parameter that
 * cannot be read is answered FAILED/InternalFailure with one line naming the field, so with
 * FailureMode FAIL nothing passes that was not judged.
 */
public final class PreventionHook {
    private final Supplier<RuleParameters> parameters;
    private final Clock clock;

    /** @param parameters read per request, so a bad parameter fails the request, not the function's start */
    public PreventionHook(Supplier<RuleParameters> parameters) {
        this(parameters, Clock.systemUTC());
    }

    /** @param clock the time a request is judged on (exemption expiries); the rule itself keeps no clock */
    public PreventionHook(Supplier<RuleParameters> parameters, Clock clock) {
        this.parameters = parameters;
        this.clock = clock;
    }

    public HookResponse answer(String requestJson) {
        Optional<String> token = Optional.empty();
        try {
            JsonObject event = JsonInput.parseObject(requestJson, "request", "");
            token = HookRequest.token(event);
            return answer(HookRequest.parse(event));
        } catch (BadInputException e) {
            // A request refused as a whole (e.g. a duplicate key) still gets its token back, so CloudFormation
            // can match the answer.
            token = token.or(() -> HookRequest.skim(requestJson).flatMap(HookRequest::token));
            return HookResponse.internalFailure("Cannot judge this request: " + e.getMessage(), token);
        } catch (RuntimeException e) {
            return HookResponse.internalFailure(
                    "Cannot judge this request: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    token);
        }
    }

    HookResponse answer(HookRequest request) {
        ResourceKind kind = ResourceKind.ofConfigType(request.targetName());
        String token = request.clientRequestToken();
        if (kind == ResourceKind.OTHER) {
            return HookResponse.success(
                    request.targetName() + " is not an ECS service or task set; not judged.", token);
        }
        if (request.invocationPoint().equals(HookRequest.DELETE)) {
            return HookResponse.success(
                    "Deleting " + kind.noun() + " '" + request.logicalId() + "' assigns no public IP; not judged.",
                    token);
        }
        RuleParameters rule = parameters.get();
        EcsResource resource = CloudFormationProperties.read(
                request.targetName(),
                request.logicalId(),
                request.resourceProperties().orElseThrow(),
                request.location(),
                "requestData.targetModel.resourceProperties");
        Verdict verdict = Rules.of(rule).judge(resource, clock.instant());
        return verdict.compliance() == Compliance.NON_COMPLIANT
                ? HookResponse.nonCompliant(verdict.annotation(), token)
                : HookResponse.success(verdict.annotation(), token);
    }
}
