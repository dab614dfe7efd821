package dev.ecspublicip.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.hook.HookRequest;
import dev.ecspublicip.hook.HookResponse;
import dev.ecspublicip.hook.PreventionHook;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda entry point a CloudFormation Lambda hook invokes (AWS::CloudFormation::LambdaHook in
 * rule-template.yaml). Calls no AWS API: it judges the proposed resource properties and answers.
 * The rule parameters come from the {@code RULE_PARAMETERS} environment variable (the same JSON as
 * the Config rules' input parameters).
 */
public final class HookHandler implements RequestStreamHandler {
    public static final String RULE_PARAMETERS = "RULE_PARAMETERS";

    private final PreventionHook hook;

    public HookHandler() {
        this(new PreventionHook(() -> RuleParametersJson.parse(System.getenv(RULE_PARAMETERS))));
    }

    public HookHandler(PreventionHook hook) {
        this.hook = hook;
    }

    /** True when the text is a JSON object shaped like a hook request (not a Config rule event). */
    public static boolean isHookRequest(String text) {
        // Only routes the request: the hook itself then reads it strictly (a duplicate key is refused there).
        return HookRequest.skim(text).map(HookRequest::looksLikeHookRequest).orElse(false);
    }

    /** The response JSON this handler would write for the request, with this process's environment. */
    public static String answerFromEnvironment(String request) {
        return new HookHandler().hook.answer(request).toJson().toString();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HookResponse response = hook.answer(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        String json = response.toJson().toString();
        context.getLogger().log("Hook response " + json);
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }
}
