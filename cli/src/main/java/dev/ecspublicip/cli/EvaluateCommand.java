package dev.ecspublicip.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.event.InvokingEvent;
import dev.ecspublicip.event.RuleEvent;
import dev.ecspublicip.event.RuleEventParser;
import dev.ecspublicip.lambda.Evaluator;
import dev.ecspublicip.lambda.HookHandler;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code evaluate}: judges Config rule events (and CloudFormation hook requests) offline, with no AWS
 * call. Prints nothing unless every event could be judged, or with {@code --keep-going}, each it could.
 */
final class EvaluateCommand {
    static final String NAME = "evaluate";
    private static final String KEEP_GOING = "--keep-going";

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> read;

    /** @param read a FILE's text, {@code -} standard input's */
    EvaluateCommand(PrintStream out, PrintStream err, Function<String, String> read) {
        this.out = out;
        this.err = err;
        this.read = read;
    }

    /** The command's options, for the parser, its help and completion. */
    static CommandSpec spec() {
        CommandSpec spec = Cli.command(
                NAME,
                "judge Config rule events offline; print one evaluation per line (for a CloudFormation hook"
                        + " request: the hook's response, rule parameters from RULE_PARAMETERS)");
        spec.addOption(Cli.flag(
                "judge every file; report each bad one on stderr, add a File key to each line, exit 2 at the end"
                        + " if any was bad",
                KEEP_GOING));
        spec.addPositional(Cli.arguments(
                "FILE", "a Lambda input (Config rule event or hook request); - reads one" + " from standard input"));
        return spec;
    }

    int run(ParseResult parsed) {
        boolean keepGoing = Cli.given(parsed, KEEP_GOING);
        List<String> files = Cli.arguments(parsed);
        if (files.isEmpty()) {
            throw new BadInputException(NAME, "needs at least one event FILE, or - for standard input");
        }
        if (files.stream().filter(Main.STDIN::equals).count() > 1) {
            throw new BadInputException(Main.STDIN, "standard input can be read once only");
        }
        List<String> lines = new ArrayList<>();
        int bad = 0;
        for (String file : files) {
            try {
                String evaluation = evaluateOne(file);
                if (keepGoing) {
                    JsonObject line = new JsonObject();
                    line.addProperty("File", file);
                    JsonParser.parseString(evaluation)
                            .getAsJsonObject()
                            .entrySet()
                            .forEach(entry -> line.add(entry.getKey(), entry.getValue()));
                    out.println(line);
                } else {
                    lines.add(evaluation);
                }
            } catch (BadInputException e) {
                if (!keepGoing) {
                    throw e;
                }
                err.println(Failures.report(e).line());
                bad++;
            }
        }
        lines.forEach(out::println);
        return bad == 0 ? Exit.OK : Exit.BAD_INPUT;
    }

    /** One output line: the evaluation of a Config event, or exactly what the hook handler answers a hook request. */
    private String evaluateOne(String file) {
        String text = read.apply(file);
        if (HookHandler.isHookRequest(text)) {
            return HookHandler.answerFromEnvironment(text);
        }
        RuleEvent event = parseEvent(file, text);
        if (!(event.invokingEvent() instanceof InvokingEvent.Change change)) {
            throw new BadInputException(
                    file + ": invokingEvent.messageType",
                    event.invokingEvent().messageType() + " needs AWS Config to evaluate; run 'invoke " + file
                            + "' instead");
        }
        return Evaluator.of(event)
                .change(change, event.eventLeftScope())
                .toJson()
                .toString();
    }

    private static RuleEvent parseEvent(String file, String text) {
        try {
            return RuleEventParser.parse(text);
        } catch (BadInputException e) {
            throw e.in(file);
        }
    }
}
