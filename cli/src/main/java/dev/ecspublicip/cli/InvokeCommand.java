package dev.ecspublicip.cli;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.aws.LocalContext;
import dev.ecspublicip.lambda.AccountClients;
import dev.ecspublicip.lambda.ConfigRuleHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code invoke}: runs the rule's Lambda handler on one event exactly as Lambda would, with SDK clients
 * from the standard environment, and prints the evaluations it put, as Config accepts them.
 */
final class InvokeCommand {
    static final String NAME = "invoke";
    private static final String TIMEOUT = "--timeout";
    private static final long MAX_TIMEOUT_SECONDS = LocalContext.MAX_TIMEOUT_MILLIS / 1000;

    private final PrintStream out;
    private final Supplier<AccountClients> accounts;
    private final LambdaLogger log;
    private final Function<String, String> read;

    InvokeCommand(PrintStream out, Supplier<AccountClients> accounts, LambdaLogger log, Function<String, String> read) {
        this.out = out;
        this.accounts = accounts;
        this.log = log;
        this.read = read;
    }

    /** The command's options, for the parser, its help and completion. */
    static CommandSpec spec() {
        CommandSpec spec = Cli.command(
                NAME, "run the rule's Lambda handler on one event against AWS; print what it put to Config");
        Cli.addAwsOptions(spec);
        spec.addOption(picocli.CommandLine.Model.OptionSpec.builder(TIMEOUT)
                .paramLabel("SECONDS")
                .type(String.class)
                .defaultValue(Long.toString(MAX_TIMEOUT_SECONDS))
                .description("the Lambda timeout the handler runs against, 1-" + MAX_TIMEOUT_SECONDS
                        + " seconds: a sweep stops for its time budget before it")
                .build());
        spec.addPositional(Cli.argument("FILE", "the Lambda input; - reads it from standard input"));
        return spec;
    }

    int run(ParseResult parsed) {
        Cli.chooseAws(parsed);
        long timeoutSeconds = timeoutSeconds(Cli.value(parsed, TIMEOUT));
        List<String> files = Cli.arguments(parsed);
        if (files.size() != 1) {
            throw new BadInputException(
                    NAME,
                    "takes exactly one event FILE, or - for standard input (usage: "
                            + Cli.synopsis(parsed.commandSpec()) + ")");
        }
        String file = files.get(0);
        byte[] event = read.apply(file).getBytes(StandardCharsets.UTF_8);
        // Evaluations are printed as Config accepts them: a sweep puts many, and answers with a summary.
        ConfigRuleHandler handler = new ConfigRuleHandler(accounts.get(), put -> out.println(put.toJson()));
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(event),
                    OutputStream.nullOutputStream(),
                    new LocalContext("ecs-public-ip-rule", timeoutSeconds * 1000, log));
        } catch (BadInputException e) {
            throw e.in(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Exit.OK;
    }

    /** The Lambda timeout the handler runs against: whole seconds, 1 to 900, as Lambda allows. */
    private static long timeoutSeconds(String value) {
        if (!value.matches("\\d{1,4}") || Long.parseLong(value) < 1 || Long.parseLong(value) > MAX_TIMEOUT_SECONDS) {
            throw new BadInputException(
                    TIMEOUT,
                    "must be whole seconds from 1 to " + MAX_TIMEOUT_SECONDS + " (a Lambda timeout), got '" + value
                            + "'");
        }
        return Long.parseLong(value);
    }
}
