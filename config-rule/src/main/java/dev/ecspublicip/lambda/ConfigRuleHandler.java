package dev.ecspublicip.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.aws.AccountClients;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.event.InvokingEvent;
import dev.ecspublicip.event.RuleEvent;
import dev.ecspublicip.event.RuleEventParser;
import dev.ecspublicip.rule.Evaluation;
import dev.ecspublicip.sweep.ScheduledSweep;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * The Lambda entry point AWS Config invokes for this rule. Reads the raw event (no reflective
 * deserialisation), judges, puts the evaluations, and answers with the evaluations it put; a scheduled
 * notification is handed to {@link ScheduledSweep}, and answered with the sweep's summary (a sweep's
 * evaluations could exceed Lambda's response size).
 *
 * <p>Bad input throws {@link dev.ecspublicip.BadInputException} before anything is put, so the
 * invocation fails with a one-line message naming the field.
 *
 * <p>Config is called in the account the event names ({@code accountId}): the function's own, or a member
 * account of an organization rule, through its member role (see {@link AccountClients}).
 */
public final class ConfigRuleHandler implements RequestStreamHandler {
    static {
        // Lambda loads this class during init; under SnapStart, prime before the snapshot.
        SnapStartPriming.registerIfSnapStart();
    }

    private final AccountClients accounts;
    private final Consumer<Evaluation> onPut;

    public ConfigRuleHandler() {
        this(AwsClients.accounts());
    }

    /** Every event's calls go to this one client, whatever its account. */
    public ConfigRuleHandler(Supplier<ConfigClient> config) {
        this(AccountClients.single(config));
    }

    public ConfigRuleHandler(AccountClients accounts) {
        this(accounts, evaluation -> { });
    }

    /** @param onPut told of every evaluation Config accepted (the CLI prints them) */
    public ConfigRuleHandler(AccountClients accounts, Consumer<Evaluation> onPut) {
        this.accounts = accounts;
        this.onPut = onPut;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        RuleEvent rule = RuleEventParser.parse(event);
        if (rule.invokingEvent() instanceof InvokingEvent.Scheduled scheduled) {
            // The sweep's classes load only here, never on the change-event path.
            JsonObject summary = ScheduledSweep.run(rule, scheduled,
                    accounts.config(rule.accountId(), context.getInvokedFunctionArn()), context, onPut);
            output.write(summary.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        RuleEventProcessor processor = new RuleEventProcessor(
                () -> accounts.config(rule.accountId(), context.getInvokedFunctionArn()));
        List<Evaluation> put = processor.process(rule);
        JsonArray evaluations = new JsonArray();
        for (Evaluation evaluation : put) {
            JsonObject json = evaluation.toJson();
            evaluations.add(json);
            context.getLogger().log("Put evaluation " + json);
            onPut.accept(evaluation);
        }
        JsonObject response = new JsonObject();
        response.add("evaluations", evaluations);
        output.write(response.toString().getBytes(StandardCharsets.UTF_8));
    }
}
