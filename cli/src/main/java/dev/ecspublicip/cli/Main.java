package dev.ecspublicip.cli;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.aws.LocalContext;
import dev.ecspublicip.event.InvokingEvent;
import dev.ecspublicip.event.RuleEvent;
import dev.ecspublicip.event.RuleEventParser;
import dev.ecspublicip.lambda.AccountClients;
import dev.ecspublicip.lambda.ConfigRuleHandler;
import dev.ecspublicip.lambda.Evaluator;
import dev.ecspublicip.lambda.HookHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The command line: the same code the Lambda functions run. Exit codes are in {@link Exit}; every
 * failure is reported by {@link Failures}, one line on stderr and nothing on stdout.
 */
public final class Main {
    /** Stands for standard input where a command takes an event FILE. */
    static final String STDIN = "-";
    /** Lines the handlers log that repeat what the command prints on stdout: left to the Lambda logs. */
    private static final List<String> REPEATED_ON_STDOUT = List.of("Put evaluation ", "Remediation result ");

    /**
     * One command: its name, whether it calls AWS (then {@code --region} and {@code --profile} apply, and
     * are taken off its arguments), its arguments and what it does, for the usage; and how it runs.
     */
    record Command(
            String name, boolean callsAws, String arguments, String summary, Function<List<String>, Integer> run) {
        String synopsis() {
            return name
                    + (callsAws ? " [--region R] [--profile P]" : "")
                    + (arguments.isEmpty() ? "" : " " + arguments);
        }
    }

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final java.util.function.Supplier<AccountClients> accounts;

    Main(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, AccountClients::shared);
    }

    /** @param accounts the Config clients {@code invoke} uses (tests give one aimed at a stand-in) */
    Main(InputStream in, PrintStream out, PrintStream err, java.util.function.Supplier<AccountClients> accounts) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.accounts = accounts;
    }

    Main(PrintStream out, PrintStream err) {
        this(System.in, out, err);
    }

    public static void main(String[] args) {
        System.exit(new Main(System.in, System.out, System.err).run(args));
    }

    /** The commands, in the order the usage lists them; a new command is one more line here. */
    private List<Command> commands() {
        return List.of(
                new Command(
                        "evaluate",
                        false,
                        "[--keep-going] FILE...|-",
                        "judge Config rule events offline; print one evaluation per line (for a CloudFormation"
                                + " hook request: the hook's response, rule parameters from RULE_PARAMETERS)",
                        this::evaluate),
                new Command(
                        "invoke",
                        true,
                        "[--timeout SECONDS] FILE|-",
                        "run the rule's Lambda handler on one event against AWS; print what it put to Config",
                        this::invoke),
                new Command(
                        "remediate",
                        true,
                        RemediateCommand.ARGUMENTS,
                        "disable public IPs on one ECS service or task set, as the runbook does; print the result"
                                + " JSON (exit 3 when REFUSED)",
                        args -> new RemediateCommand(out, RemediateCommand::standardHandler, handlerLog()).run(args)),
                new Command(
                        "scan",
                        true,
                        ScanCommand.ARGUMENTS,
                        "judge every ECS service and task set read from ECS itself; exit 1 if any is NON_COMPLIANT",
                        args -> new ScanCommand(out, err).run(args)),
                new Command(
                        "check",
                        false,
                        CheckCommand.ARGUMENTS,
                        "judge CloudFormation templates and Terraform plans before deployment; exit 1 if any is"
                                + " NON_COMPLIANT",
                        args -> new CheckCommand(out, err).run(args)));
    }

    int run(String[] args) {
        return Failures.reported(err, () -> dispatch(Arrays.asList(args)));
    }

    private int dispatch(List<String> args) {
        if (args.isEmpty()) {
            err.println(usage());
            return Exit.BAD_INPUT;
        }
        String first = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (List.of("help", "--help", "-h").contains(first)) {
            out.println(rest.isEmpty() ? usage() : commandUsage(command(rest.get(0))));
            return Exit.OK;
        }
        if (first.equals("--version") || first.equals("version")) {
            out.println("ecs-public-ip-rule " + version());
            return Exit.OK;
        }
        Command command = command(first);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(commandUsage(command));
            return Exit.OK;
        }
        return command.run().apply(command.callsAws() ? withoutAwsOptions(command, rest) : rest);
    }

    private Command command(String name) {
        return commands().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new BadInputException(name, "is not a command (run with --help for the list)"));
    }

    /** Takes {@code --region} and {@code --profile} off the arguments and hands them to the SDK's settings. */
    private static List<String> withoutAwsOptions(Command command, List<String> args) {
        List<String> rest = new ArrayList<>();
        Optional<String> region = Optional.empty();
        Optional<String> profile = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!name.equals("--region") && !name.equals("--profile")) {
                rest.add(arg);
                continue;
            }
            String value = arg.contains("=")
                    ? arg.substring(arg.indexOf('=') + 1)
                    : i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(++i) : "";
            if (value.isBlank()) {
                throw new BadInputException(name, "needs a value (usage: " + command.synopsis() + ")");
            }
            if (name.equals("--region")) {
                if (!value.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
                    throw new BadInputException("--region", ErrorLine.quote(value) + " is not an AWS region name");
                }
                region = Optional.of(value);
            } else {
                profile = Optional.of(value);
            }
        }
        AwsClients.choose(region, profile);
        return rest;
    }

    /** Judges every event; prints nothing unless all could be judged, or with --keep-going, each it could. */
    private int evaluate(List<String> args) {
        boolean keepGoing = args.contains("--keep-going");
        List<String> files =
                args.stream().filter(arg -> !arg.equals("--keep-going")).toList();
        for (String file : files) {
            if (file.startsWith("--")) {
                throw new BadInputException(
                        file,
                        "is not an option of evaluate (usage: "
                                + command("evaluate").synopsis() + ")");
            }
        }
        if (files.isEmpty()) {
            throw new BadInputException("evaluate", "needs at least one event FILE, or - for standard input");
        }
        if (files.stream().filter(STDIN::equals).count() > 1) {
            throw new BadInputException(STDIN, "standard input can be read once only");
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
        String text = read(file);
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

    private int invoke(List<String> args) {
        List<String> files = new ArrayList<>();
        long timeoutSeconds = LocalContext.MAX_TIMEOUT_MILLIS / 1000;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--timeout") || arg.startsWith("--timeout=")) {
                String value = arg.contains("=")
                        ? arg.substring(arg.indexOf('=') + 1)
                        : i + 1 < args.size() ? args.get(++i) : "";
                timeoutSeconds = timeoutSeconds(value);
            } else {
                files.add(arg);
            }
        }
        if (files.size() != 1 || (files.get(0).startsWith("--") && !files.get(0).equals(STDIN))) {
            throw new BadInputException(
                    "invoke",
                    "takes exactly one event FILE, or - for standard input (usage: "
                            + command("invoke").synopsis() + ")");
        }
        String file = files.get(0);
        byte[] event = read(file).getBytes(StandardCharsets.UTF_8);
        // Evaluations are printed as Config accepts them: a sweep puts many, and answers with a summary.
        ConfigRuleHandler handler = new ConfigRuleHandler(accounts.get(), put -> out.println(put.toJson()));
        try {
            handler.handleRequest(
                    new ByteArrayInputStream(event),
                    OutputStream.nullOutputStream(),
                    new LocalContext("ecs-public-ip-rule", timeoutSeconds * 1000, handlerLog()));
        } catch (BadInputException e) {
            throw e.in(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Exit.OK;
    }

    /** The Lambda timeout the handler runs against: whole seconds, 1 to 900, as Lambda allows. */
    private static long timeoutSeconds(String value) {
        long max = LocalContext.MAX_TIMEOUT_MILLIS / 1000;
        if (!value.matches("\\d{1,4}") || Long.parseLong(value) < 1 || Long.parseLong(value) > max) {
            throw new BadInputException(
                    "--timeout", "must be whole seconds from 1 to " + max + " (a Lambda timeout), got '" + value + "'");
        }
        return Long.parseLong(value);
    }

    /** The handlers' log on stderr, but for the lines that only repeat what stdout shows. */
    private LambdaLogger handlerLog() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                if (REPEATED_ON_STDOUT.stream().noneMatch(message::startsWith)) {
                    err.println(message);
                }
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    private RuleEvent parseEvent(String file, String text) {
        try {
            return RuleEventParser.parse(text);
        } catch (BadInputException e) {
            throw e.in(file);
        }
    }

    private String read(String file) {
        try {
            if (file.equals(STDIN)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "no such file");
        } catch (IOException e) {
            throw new BadInputException(file, "cannot be read: " + e.getMessage());
        }
    }

    private String usage() {
        StringBuilder usage = new StringBuilder("usage: " + launcher() + " COMMAND [OPTIONS]\n");
        for (Command command : commands()) {
            usage.append("  ")
                    .append(command.synopsis())
                    .append("\n      ")
                    .append(command.summary())
                    .append('\n');
        }
        return usage.append("  help [COMMAND], COMMAND --help, --version\n")
                .append(
                        "exit: 0 done, 1 NON_COMPLIANT found (scan, check), 2 bad input or usage, 3 remediation refused,"
                                + " 4 AWS or environment failure")
                .toString();
    }

    private String commandUsage(Command command) {
        String details = Map.of(
                        "remediate",
                        RemediateCommand.DETAILS,
                        "scan",
                        ScanCommand.DETAILS,
                        "evaluate",
                        "  --keep-going  judge every file; report each bad one on stderr, add a File key to"
                                + " each line, exit 2 at the end if any was bad\n  -             read one event from standard input",
                        "invoke",
                        "  --timeout S   the Lambda timeout the handler runs against, in seconds (1-900, default"
                                + " 900): a sweep stops for its time budget before it\n  -             read the event from"
                                + " standard input")
                .getOrDefault(command.name(), "");
        String aws = command.callsAws()
                ? "\n  --region R    the AWS region (else AWS_REGION, or the profile's region)"
                        + "\n  --profile P   a named profile of ~/.aws/config (else AWS_PROFILE, or the default chain)"
                : "";
        return "usage: " + launcher() + " " + command.synopsis() + "\n" + command.summary() + aws
                + (details.isEmpty() ? "" : "\n" + details);
    }

    /** How this program was started: {@code java -jar PATH} with the jar's real path, when run from a jar. */
    static String launcher() {
        try {
            Path location = Path.of(Main.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isRegularFile(location)) {
                Path here = Path.of("").toAbsolutePath();
                return "java -jar " + (location.startsWith(here) ? here.relativize(location) : location);
            }
            return "java -cp " + location + " " + Main.class.getName();
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return "java -jar ecs-public-ip-rule.jar";
        }
    }

    /** The build's version, from the jar's manifest (Implementation-Version). */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(unknown: not run from the built jar)" : version;
    }
}
