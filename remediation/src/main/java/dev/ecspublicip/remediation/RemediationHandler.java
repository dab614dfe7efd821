package dev.ecspublicip.remediation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.ecs.EcsClients;
import dev.ecspublicip.resource.AwsLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The remediation function's Lambda entry point, invoked by the runbook with
 * {@code {"ResourceId", "ResourceType", "DryRun", "AllowEgressLoss"}}. It answers with the result JSON
 * ({@link RemediationResult}); the runbook invokes it again while the outcome is IN_PROGRESS.
 *
 * <p>Bad input fails the invocation with a one-line message naming the field, before any change.
 */
public final class RemediationHandler implements RequestStreamHandler {
    /**
     * How long a task-set replacement may stay STABILIZING: a runbook's loop must wait longer (the template
     * checks in the deploy module read it here).
     */
    public static final Duration MAX_STABILIZING = TaskSetReplacement.MAX_STABILIZING;

    private final Remediator remediator;
    private final Function<Context, AwsLocation> own;
    private final InputNames names;

    public RemediationHandler() {
        this(standardRemediator());
    }

    /** In Lambda: the function acts in the account and region of its own ARN. */
    public RemediationHandler(Remediator remediator) {
        this(remediator, context -> functionLocation(context.getInvokedFunctionArn()));
    }

    /** Outside Lambda (the CLI), where the context has no function ARN to read the account from. */
    public RemediationHandler(Remediator remediator, Function<Context, AwsLocation> own) {
        this(remediator, own, InputNames.RUNBOOK);
    }

    /**
     * @param names how the caller names the inputs: errors and reasons name what it sets (the runbook's
     *     parameters in Lambda, the CLI's options in {@code remediate})
     */
    public RemediationHandler(Remediator remediator, Function<Context, AwsLocation> own, InputNames names) {
        this.remediator = remediator;
        this.own = own;
        this.names = names;
    }

    /**
     * Where the function acts: the partition, Region and account of its own ARN. An ECS ARN naming
     * anything else is refused before any ECS call (ECS would otherwise be asked about a same-named
     * resource here).
     */
    static AwsLocation functionLocation(String functionArn) {
        return AwsLocation.ofArn(functionArn, "lambda", "function")
                .orElseThrow(() -> new IllegalStateException("the invoked function ARN '" + functionArn
                        + "' is not arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME"));
    }

    /** The remediator with clients from the standard environment. */
    public static Remediator standardRemediator() {
        return new Remediator(AwsClients::config, EcsClients::ecs, EcsClients::ec2, Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RemediationResult result;
        try {
            RemediationRequest request =
                    RemediationRequest.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
            result = remediator.remediate(
                    request,
                    names,
                    () -> own.apply(context),
                    context::getRemainingTimeInMillis,
                    context.getLogger()::log);
        } catch (BadInputException e) {
            if (!RemediationRequest.FIELDS.contains(e.field())) {
                throw e;
            }
            throw new BadInputException(names.name(e.field()), e.problem());
        }
        String json = result.toJson().toString();
        context.getLogger().log("Remediation result " + json);
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }
}
