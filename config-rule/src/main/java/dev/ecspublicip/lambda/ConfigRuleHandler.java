package dev.ecspublicip.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.config.Evaluation;
import dev.ecspublicip.event.RuleEvent;
import dev.ecspublicip.event.RuleEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * The Lambda entry point AWS Config invokes for this rule. Reads the raw event (no reflective
 * deserialisation) into the model and hands it to the {@link Evaluator}, which judges, puts the evaluations
 * and says what to answer.
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
        this(AccountClients.shared());
    }

    /** Every event's calls go to this one client, whatever its account. */
    public ConfigRuleHandler(Supplier<ConfigClient> config) {
        this(AccountClients.single(config));
    }

    public ConfigRuleHandler(AccountClients accounts) {
        this(accounts, evaluation -> {});
    }

    /** @param onPut told of every evaluation Config accepted (the CLI prints them) */
    public ConfigRuleHandler(AccountClients accounts, Consumer<Evaluation> onPut) {
        this.accounts = accounts;
        this.onPut = onPut;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        RuleEvent event = RuleEventParser.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        JsonObject response = Evaluator.of(event)
                .evaluate(
                        event,
                        () -> accounts.config(
                                event.accountId(),
                                event.configRuleName(),
                                context.getInvokedFunctionArn(),
                                CallDeadline.before(context, Evaluator.ANSWER_MILLIS)),
                        context,
                        onPut);
        output.write(response.toString().getBytes(StandardCharsets.UTF_8));
    }
}
