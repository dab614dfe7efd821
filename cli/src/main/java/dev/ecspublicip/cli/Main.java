package dev.ecspublicip.cli;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.lambda.AccountClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line: the same code the Lambda functions run. Exit codes are in {@link Exit}; every
 * failure is reported by {@link Failures}, one line on stderr and nothing on stdout.
 */
public final class Main {
    /** Stands for standard input where a command takes an event FILE. */
    static final String STDIN = "-";

    private static final String HELP = "help";
    /** Lines the handlers log that repeat what the command prints on stdout: left to the Lambda logs. */
    private static final List<String> REPEATED_ON_STDOUT = List.of("Put evaluation ", "Remediation result ");

    /**
     * The commands, in the order the usage lists them. A new command is a name here and a line in each
     * switch below: switches on the names (constants) load only the classes of the command that runs.
     */
    static final List<String> COMMANDS = List.of(
            EvaluateCommand.NAME, InvokeCommand.NAME, RemediateCommand.NAME, ScanCommand.NAME, CheckCommand.NAME);

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<AccountClients> accounts;

    Main(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, AccountClients::shared);
    }

    /** @param accounts the Config clients {@code invoke} uses (tests give one aimed at a stand-in) */
    Main(InputStream in, PrintStream out, PrintStream err, Supplier<AccountClients> accounts) {
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

    /** A fresh model of one command's options, on its own (not part of the whole command line). */
    static CommandSpec spec(String command) {
        return switch (command) {
            case EvaluateCommand.NAME -> EvaluateCommand.spec();
            case InvokeCommand.NAME -> InvokeCommand.spec();
            case RemediateCommand.NAME -> RemediateCommand.spec();
            case ScanCommand.NAME -> ScanCommand.spec();
            case CheckCommand.NAME -> CheckCommand.spec();
            default -> throw new BadInputException(command, "is not a command (run with --help for the list)");
        };
    }

    private int run(String command, ParseResult parsed) {
        return switch (command) {
            case EvaluateCommand.NAME -> new EvaluateCommand(out, err, this::read).run(parsed);
            case InvokeCommand.NAME -> new InvokeCommand(out, accounts, handlerLog(parsed), this::read).run(parsed);
            case RemediateCommand.NAME ->
                new RemediateCommand(out, RemediateCommand::standardHandler, handlerLog(parsed)).run(parsed);
            case ScanCommand.NAME -> new ScanCommand(out, err).run(parsed);
            case CheckCommand.NAME -> new CheckCommand(in, out, err).run(parsed);
            default -> throw new IllegalStateException("no command " + command);
        };
    }

    int run(String[] args) {
        return Failures.reported(err, () -> dispatch(Arrays.asList(args)));
    }

    private int dispatch(List<String> args) {
        if (args.isEmpty()) {
            err.println(usage());
            return Exit.BAD_INPUT;
        }
        if (COMMANDS.contains(args.get(0))) {
            // The whole command line would read the same; this builds only the model of the one command.
            return runParsed(args.get(0), Cli.parse(spec(args.get(0)), args.subList(1, args.size())));
        }
        ParseResult parsed = Cli.parse(model(), args);
        if (parsed.isUsageHelpRequested()) {
            out.println(usage());
            return Exit.OK;
        }
        if (parsed.isVersionHelpRequested()) {
            out.println(versionLine());
            return Exit.OK;
        }
        ParseResult chosen = parsed.subcommand();
        if (chosen == null) {
            err.println(usage());
            return Exit.BAD_INPUT;
        }
        if (chosen.commandSpec().name().equals(HELP)) {
            List<String> asked = Cli.arguments(chosen);
            if (asked.size() > 1) {
                throw new BadInputException(HELP, "takes one COMMAND at most");
            }
            out.println(asked.isEmpty() || chosen.isUsageHelpRequested() ? usage() : Cli.help(spec(asked.get(0))));
            return Exit.OK;
        }
        return runParsed(chosen.commandSpec().name(), chosen);
    }

    private int runParsed(String command, ParseResult parsed) {
        if (parsed.isVersionHelpRequested()) {
            out.println(versionLine());
            return Exit.OK;
        }
        if (parsed.isUsageHelpRequested()) {
            out.println(Cli.help(parsed.commandSpec()));
            return Exit.OK;
        }
        return run(command, parsed);
    }

    /** The whole command line, as the parser knows it: every command, and {@code help [COMMAND]}. */
    static CommandLine model() {
        Cli.leanConverters();
        CommandLine line =
                new CommandLine(Cli.command(Cli.PROGRAM, "an AWS Config rule against public IPs on ECS tasks"));
        for (String command : COMMANDS) {
            line.addSubcommand(command, new CommandLine(spec(command)));
        }
        CommandSpec help = Cli.command(HELP, "show the list of commands, or one command's help");
        help.addPositional(picocli.CommandLine.Model.PositionalParamSpec.builder()
                .index("0..*")
                .arity("0..*")
                .paramLabel("COMMAND")
                .type(List.class)
                .auxiliaryTypes(String.class)
                .completionCandidates(COMMANDS)
                .description("the command to show the help of")
                .build());
        line.addSubcommand(HELP, new CommandLine(help));
        return Cli.configure(line);
    }

    /**
     * The handlers' log on stderr, but for the lines that only repeat what stdout shows; with
     * {@code --quiet}, none (a failure is still told, by {@link Failures}).
     */
    private LambdaLogger handlerLog(ParseResult parsed) {
        boolean quiet = Console.of(parsed).quiet();
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                if (!quiet && REPEATED_ON_STDOUT.stream().noneMatch(message::startsWith)) {
                    err.println(message);
                }
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
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

    private static String usage() {
        return usage(launcher());
    }

    /** The list of commands, {@code launcher} being how the program is started. */
    static String usage(String launcher) {
        StringBuilder usage = new StringBuilder("usage: " + launcher + " COMMAND [OPTIONS]\n");
        for (String command : COMMANDS) {
            CommandSpec spec = spec(command);
            usage.append("  ")
                    .append(Cli.synopsis(spec))
                    .append("\n      ")
                    .append(String.join(" ", spec.usageMessage().description()))
                    .append('\n');
        }
        return usage.append("  help [COMMAND], COMMAND --help, --version\n")
                .append(
                        "exit: 0 done, 1 NON_COMPLIANT found (scan, check), 2 bad input or usage, 3 remediation refused,"
                                + " 4 AWS or environment failure")
                .toString();
    }

    private static String versionLine() {
        return Cli.PROGRAM + " " + version();
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
