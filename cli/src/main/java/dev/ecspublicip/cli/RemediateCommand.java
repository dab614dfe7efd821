package dev.ecspublicip.cli;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.LocalContext;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.ecs.EcsClients;
import dev.ecspublicip.remediation.InputNames;
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
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@code remediate}: runs the
 * remediation function's handler on the same input the runbook sends, with clients from the standard
 * environment, and prints its result JSON. Exit 0 unless the outcome is REFUSED (3); failures are
 * reported by {@link Failures}.
 */
final class RemediateCommand {
    static final String NAME = "remediate";
    private static final String RESOURCE_TYPE = "--resource-type";
    private static final String RESOURCE_ID = "--resource-id";
    private static final String DRY_RUN = "--dry-run";
    private static final String ALLOW_EGRESS_LOSS = "--allow-egress-loss";

    /** The command's options, for the parser, its help and completion. */
    static CommandSpec spec() {
        CommandSpec spec = Cli.command(
                NAME,
                "disable public IPs on one ECS service or task set, as the runbook does; print the result JSON"
                        + " (exit 3 when REFUSED)");
        Cli.addAwsOptions(spec);
        spec.addOption(OptionSpec.builder(RESOURCE_TYPE)
                .paramLabel("TYPE")
                .type(String.class)
                .required(true)
                .completionCandidates(List.of("AWS::ECS::Service", "AWS::ECS::TaskSet"))
                .description("AWS::ECS::Service or AWS::ECS::TaskSet")
                .build());
        spec.addOption(OptionSpec.builder(RESOURCE_ID)
                .paramLabel("ID")
                .type(String.class)
                .required(true)
                .description("the AWS Config resource id, or the ECS service or task-set ARN")
                .build());
        spec.addOption(Cli.flag("only plan: print what would change, change nothing", DRY_RUN));
        spec.addOption(Cli.flag(
                "go ahead even if the subnets have no NAT route or VPC endpoints for image pulls", ALLOW_EGRESS_LOSS));
        return spec;
    }

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
        return new RemediationHandler(
                RemediationHandler.standardRemediator(),
                context -> {
                    GetCallerIdentityResponse caller =
                            AwsClients.configure(StsClient.builder()).build().getCallerIdentity();
                    String partition = AwsLocation.partitionOf(caller.arn())
                            .orElseThrow(() -> new IllegalStateException(
                                    "STS GetCallerIdentity answered with '" + caller.arn() + "', which is not an ARN"));
                    return new AwsLocation(
                            partition,
                            EcsClients.ecs()
                                    .serviceClientConfiguration()
                                    .region()
                                    .id(),
                            caller.account());
                },
                OPTIONS);
    }

    int run(List<String> args) {
        return run(Cli.parse(spec(), args));
    }

    int run(ParseResult parsed) {
        Cli.chooseAws(parsed);
        JsonObject event = new JsonObject();
        event.addProperty(RemediationRequest.RESOURCE_TYPE, Cli.<String>value(parsed, RESOURCE_TYPE));
        event.addProperty(RemediationRequest.RESOURCE_ID, Cli.<String>value(parsed, RESOURCE_ID));
        event.addProperty(RemediationRequest.DRY_RUN, Cli.given(parsed, DRY_RUN));
        event.addProperty(RemediationRequest.ALLOW_EGRESS_LOSS, Cli.given(parsed, ALLOW_EGRESS_LOSS));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.get()
                    .handleRequest(
                            new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8)),
                            response,
                            new LocalContext("ecs-public-ip-rule-remediation", LocalContext.MAX_TIMEOUT_MILLIS, log));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        JsonObject result = JsonInput.parseObject(response.toString(StandardCharsets.UTF_8), "handler response");
        out.println(result);
        return Outcome.REFUSED.name().equals(result.get("outcome").getAsString()) ? Exit.REFUSED : Exit.OK;
    }

    /** The remediation's inputs as the user of this command sets them: its options, not the runbook's parameters. */
    static final InputNames OPTIONS = new InputNames() {
        private final Map<String, String> options = Map.of(
                RemediationRequest.RESOURCE_TYPE, RESOURCE_TYPE,
                RemediationRequest.RESOURCE_ID, RESOURCE_ID,
                RemediationRequest.DRY_RUN, DRY_RUN,
                RemediationRequest.ALLOW_EGRESS_LOSS, ALLOW_EGRESS_LOSS);

        @Override
        public String name(String input) {
            return options.getOrDefault(input, input);
        }

        @Override
        public String isOn(String flag) {
            return name(flag) + " was given";
        }

        @Override
        public String turnOn(String flag) {
            return name(flag);
        }
    };
}
