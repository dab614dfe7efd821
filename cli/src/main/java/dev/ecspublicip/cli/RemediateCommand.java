package dev.ecspublicip.cli;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.LocalContext;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.ecs.EcsClients;
import dev.ecspublicip.remediation.Outcome;
import dev.ecspublicip.remediation.RemediationHandler;
import dev.ecspublicip.remediation.RemediationRequest;
import dev.ecspublicip.resource.AwsLocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@code remediate --resource-type TYPE --resource-id ID [--dry-run] [--allow-egress-loss]}: runs the
 * remediation function's handler on the same input the runbook sends, with clients from the standard
 * environment, and prints its result JSON. Exit 0 unless the outcome is REFUSED (3); failures are
 * reported by {@link Failures}.
 */
final class RemediateCommand {
    static final String ARGUMENTS = "--resource-type TYPE --resource-id ID [--dry-run] [--allow-egress-loss]";
    static final String DETAILS = String.join(
            "\n",
            "  --resource-type TYPE  AWS::ECS::Service or AWS::ECS::TaskSet",
            "  --resource-id ID      the resource's ARN, as Config records it",
            "  --dry-run             only plan: print what would change, change nothing",
            "  --allow-egress-loss   go ahead even if the subnets have no NAT route or VPC endpoints for image pulls");

    private final PrintStream out;
    private final Supplier<RemediationHandler> handler;
    private final LambdaLogger log;

    RemediateCommand(PrintStream out, Supplier<RemediationHandler> handler, LambdaLogger log) {
        this.out = out;
        this.handler = handler;
        this.log = log;
    }

    /**
     * The handler with clients from the standard environment. Outside Lambda there is no function ARN, so
     * the account is STS's answer for these credentials and the region the one the ECS client uses.
     */
    static RemediationHandler standardHandler() {
        return new RemediationHandler(RemediationHandler.standardRemediator(), context -> {
            GetCallerIdentityResponse caller =
                    AwsClients.configure(StsClient.builder()).build().getCallerIdentity();
            String partition = AwsLocation.partitionOf(caller.arn())
                    .orElseThrow(() -> new IllegalStateException(
                            "STS GetCallerIdentity answered with '" + caller.arn() + "', which is not an ARN"));
            return new AwsLocation(
                    partition,
                    EcsClients.ecs().serviceClientConfiguration().region().id(),
                    caller.account());
        });
    }

    int run(List<String> args) {
        JsonObject event = new JsonObject();
        event.addProperty(RemediationRequest.DRY_RUN, false);
        event.addProperty(RemediationRequest.ALLOW_EGRESS_LOSS, false);
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--resource-type" -> event.addProperty(RemediationRequest.RESOURCE_TYPE, value(args, ++i, option));
                case "--resource-id" -> event.addProperty(RemediationRequest.RESOURCE_ID, value(args, ++i, option));
                case "--dry-run" -> event.addProperty(RemediationRequest.DRY_RUN, true);
                case "--allow-egress-loss" -> event.addProperty(RemediationRequest.ALLOW_EGRESS_LOSS, true);
                default ->
                    throw new BadInputException(
                            option,
                            "is not an option of remediate (expected --resource-type,"
                                    + " --resource-id, --dry-run, --allow-egress-loss)");
            }
        }
        for (String required : List.of(RemediationRequest.RESOURCE_TYPE, RemediationRequest.RESOURCE_ID)) {
            if (!event.has(required)) {
                throw new BadInputException(option(required), "is required");
            }
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.get()
                    .handleRequest(
                            new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)),
                            response,
                            new LocalContext("ecs-public-ip-rule-remediation", LocalContext.MAX_TIMEOUT_MILLIS, log));
        } catch (BadInputException e) {
            if (!RemediationRequest.FIELDS.contains(e.field())) {
                throw e;
            }
            // Name the option the user typed, not the runbook's field.
            throw new BadInputException(option(e.field()), e.problem());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        JsonObject result = JsonInput.parseObject(response.toString(StandardCharsets.UTF_8), "handler response");
        out.println(result);
        return Outcome.REFUSED.name().equals(result.get("outcome").getAsString()) ? Exit.REFUSED : Exit.OK;
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new BadInputException(option, "needs a value");
        }
        return args.get(index);
    }

    /** The CLI spelling of an input, e.g. {@code --resource-type} for ResourceType. */
    private static String option(String field) {
        return "--" + field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
