package dev.ecspublicip.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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
 */
public final class ConfigRuleHandler implements RequestStreamHandler {
    private final Supplier<ConfigClient> config;
    private final RuleEventProcessor processor;
    private final Consumer<Evaluation> onPut;

    public ConfigRuleHandler() {
        this(AwsClients::config);
    }

    public ConfigRuleHandler(Supplier<ConfigClient> config) {
        this(config, evaluation -> { });
    }

    /** @param onPut told of every evaluation Config accepted (the CLI prints them) */
    public ConfigRuleHandler(Supplier<ConfigClient> config, Consumer<Evaluation> onPut) {
        this.config = config;
        this.processor = new RuleEventProcessor(config);
        this.onPut = onPut;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        RuleEvent ruleEvent = RuleEventParser.parse(event);
        if (ruleEvent.invokingEvent() instanceof InvokingEvent.Scheduled scheduled) {
            // The sweep's classes load only here, never on the change-event path.
            JsonObject summary = ScheduledSweep.run(ruleEvent, scheduled, config.get(), context, onPut);
            output.write(summary.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        List<Evaluation> put = processor.process(ruleEvent);
        JsonArray evaluations = new JsonArray();
        for (Evaluation evaluation : put) {
            evaluations.add(evaluation.toJson());
            context.getLogger().log("Put evaluation " + evaluation.toJson());
            onPut.accept(evaluation);
        }
        JsonObject response = new JsonObject();
        response.add("evaluations", evaluations);
        output.write(response.toString().getBytes(StandardCharsets.UTF_8));
    }
}
