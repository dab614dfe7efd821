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
import java.util.function.Function;
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

    /** One command: its options (picocli's model) and how it runs once they are parsed. */
    record Command(CommandSpec spec, Function<ParseResult, Integer> run) {
        String name() {
            return spec.name();
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
                new Command(EvaluateCommand.spec(), parsed -> new EvaluateCommand(out, err, this::read).run(parsed)),
                new Command(
                        InvokeCommand.spec(),
                        parsed -> new InvokeCommand(out, accounts, handlerLog(), this::read).run(parsed)),
                new Command(
                        RemediateCommand.spec(),
                        parsed ->
                                new RemediateCommand(out, RemediateCommand::standardHandler, handlerLog()).run(parsed)),
                new Command(ScanCommand.spec(), parsed -> new ScanCommand(out, err).run(parsed)),
                new Command(CheckCommand.spec(), parsed -> new CheckCommand(out, err).run(parsed)));
    }

    int run(String[] args) {
        return Failures.reported(err, () -> dispatch(Arrays.asList(args)));
    }

    private int dispatch(List<String> args) {
        if (args.isEmpty()) {
            err.println(usage(commands()));
            return Exit.BAD_INPUT;
        }
        List<Command> commands = commands();
        CommandLine line = root(commands);
        ParseResult parsed = Cli.parse(line, args);
        if (parsed.isUsageHelpRequested()) {
            out.println(usage(commands));
            return Exit.OK;
        }
        if (parsed.isVersionHelpRequested()) {
            out.println(versionLine());
            return Exit.OK;
        }
        ParseResult chosen = parsed.subcommand();
        if (chosen == null) {
            err.println(usage(commands));
            return Exit.BAD_INPUT;
        }
        if (chosen.isVersionHelpRequested()) {
            out.println(versionLine());
            return Exit.OK;
        }
        if (chosen.commandSpec().name().equals(HELP)) {
            List<String> asked = Cli.arguments(chosen);
            if (asked.size() > 1) {
                throw new BadInputException(HELP, "takes one COMMAND at most");
            }
            out.println(
                    asked.isEmpty() || chosen.isUsageHelpRequested()
                            ? usage(commands)
                            : Cli.help(command(commands, asked.get(0)).spec()));
            return Exit.OK;
        }
        if (chosen.isUsageHelpRequested()) {
            out.println(Cli.help(chosen.commandSpec()));
            return Exit.OK;
        }
        return command(commands, chosen.commandSpec().name()).run().apply(chosen);
    }

    /** The whole command line: every command, and {@code help [COMMAND]}. */
    static CommandLine root(List<Command> commands) {
        CommandSpec root = Cli.command(Cli.PROGRAM, "an AWS Config rule against public IPs on ECS tasks");
        CommandLine line = new CommandLine(root);
        for (Command command : commands) {
            line.addSubcommand(command.name(), new CommandLine(command.spec()));
        }
        CommandSpec help = Cli.command(HELP, "show the list of commands, or one command's help");
        help.addPositional(picocli.CommandLine.Model.PositionalParamSpec.builder()
                .index("0..*")
                .arity("0..*")
                .paramLabel("COMMAND")
                .type(List.class)
                .auxiliaryTypes(String.class)
                .completionCandidates(commands.stream().map(Command::name).toList())
                .description("the command to show the help of")
                .build());
        line.addSubcommand(HELP, new CommandLine(help));
        return Cli.configure(line);
    }

    /** The commands and their options as the parser knows them, for completion and the CLI reference. */
    static CommandLine model() {
        return new Main(System.out, System.err).rootLine();
    }

    /** A fresh model of one command, on its own (not part of the whole command line). */
    static CommandSpec spec(String command) {
        return command(new Main(System.out, System.err).commands(), command).spec();
    }

    private CommandLine rootLine() {
        return root(commands());
    }

    private static Command command(List<Command> commands, String name) {
        return commands.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new BadInputException(name, "is not a command (run with --help for the list)"));
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

    private static String usage(List<Command> commands) {
        StringBuilder usage = new StringBuilder("usage: " + launcher() + " COMMAND [OPTIONS]\n");
        for (Command command : commands) {
            usage.append("  ")
                    .append(Cli.synopsis(command.spec()))
                    .append("\n      ")
                    .append(String.join(" ", command.spec().usageMessage().description()))
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
