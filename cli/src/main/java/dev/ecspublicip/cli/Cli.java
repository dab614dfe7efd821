package dev.ecspublicip.cli;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.aws.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The command line's grammar, in picocli's model built in code (no annotations, so no reflection on our
 * classes at start-up), and the one place picocli's outcomes become ours: every parse error is a
 * {@link BadInputException} naming the option or argument (exit 2, one line), never picocli's own text.
 */
final class Cli {
    static final String PROGRAM = "ecs-public-ip-rule";
    static final String REGION = "--region";
    static final String PROFILE = "--profile";

    /** Where --help and --version are listed: after the command's own options. */
    private static final int HELP_ORDER = 1_000;

    private static final int HELP_WIDTH = 100;
    /** Every command's options, not repeated in each synopsis. */
    private static final List<String> COMMON = List.of(Console.QUIET, Console.NO_COLOR);

    private Cli() {}

    /**
     * A command with the options every command has: {@code --quiet}, {@code --no-color}, {@code --help} and
     * {@code --version}.
     */
    static CommandSpec command(String name, String summary) {
        CommandSpec spec = CommandSpec.create().name(name);
        // A fixed width: the help (and the reference generated from it) is the same on any terminal.
        spec.usageMessage()
                .description(summary)
                .showDefaultValues(true)
                .sortOptions(false)
                .autoWidth(false)
                .width(HELP_WIDTH);
        spec.addOption(OptionSpec.builder("-q", Console.QUIET)
                .arity("0")
                .type(boolean.class)
                .order(HELP_ORDER - 2)
                .description("print only the results: no table header, summary, progress or log lines (errors are"
                        + " still told)")
                .build());
        spec.addOption(OptionSpec.builder(Console.NO_COLOR)
                .arity("0")
                .type(boolean.class)
                .order(HELP_ORDER - 1)
                .description("no colors (nor with NO_COLOR set); colors are used only on a terminal")
                .build());
        spec.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .order(HELP_ORDER)
                .description("show this help and exit")
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .order(HELP_ORDER + 1)
                .description("print the build's version and exit")
                .build());
        return spec;
    }

    /** An option taking one value, shown as {@code label}; the last one given counts. */
    static OptionSpec valued(String label, String description, String... names) {
        return OptionSpec.builder(names)
                .paramLabel(label)
                .type(String.class)
                .description(description)
                .build();
    }

    /** An option taking one value from {@code choices} (which completion offers), with a default. */
    static OptionSpec choice(
            String label, String description, List<String> choices, String defaultValue, String... names) {
        return OptionSpec.builder(names)
                .paramLabel(label)
                .type(String.class)
                .completionCandidates(choices)
                .defaultValue(defaultValue)
                .description(description + " (" + String.join(", ", choices) + ")")
                .build();
    }

    /** An option that may be given again, each time with one value. */
    static OptionSpec repeatable(String label, String description, String... names) {
        return OptionSpec.builder(names)
                .paramLabel(label)
                .type(List.class)
                .auxiliaryTypes(String.class)
                .arity("1")
                .description(description)
                .build();
    }

    /** An option without a value. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names)
                .arity("0")
                .type(boolean.class)
                .description(description)
                .build();
    }

    /** The command's arguments after the options (e.g. FILE...), any number; the command checks how many. */
    static PositionalParamSpec arguments(String label, String description) {
        return PositionalParamSpec.builder()
                .index("0..*")
                .arity("0..*")
                .paramLabel(label)
                .type(List.class)
                .auxiliaryTypes(String.class)
                .description(description)
                .build();
    }

    /** The command's one argument after the options (e.g. FILE); the command says when it is missing. */
    static PositionalParamSpec argument(String label, String description) {
        return PositionalParamSpec.builder()
                .index("0")
                .arity("0..1")
                .paramLabel(label)
                .type(String.class)
                .description(description)
                .build();
    }

    /** {@code --region} and {@code --profile}, for the commands that call AWS. */
    static void addAwsOptions(CommandSpec spec) {
        spec.addOption(valued("R", "the AWS region (else AWS_REGION, or the profile's region)", "-r", REGION));
        addProfileOption(spec);
    }

    static void addProfileOption(CommandSpec spec) {
        spec.addOption(valued(
                "P", "a named profile of ~/.aws/config (else AWS_PROFILE, or the default chain)", "-p", PROFILE));
    }

    /** Hands {@code --region} and {@code --profile}, when given, to the SDK's settings. */
    static void chooseAws(ParseResult parsed) {
        Optional<String> region = Optional.ofNullable(value(parsed, REGION));
        region.ifPresent(Cli::requireRegionName);
        chooseProfile(parsed);
        AwsClients.choose(region, Optional.empty());
    }

    /** An AWS region's name, or bad input naming {@code --region}. */
    static void requireRegionName(String name) {
        if (!name.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new BadInputException(REGION, ErrorLine.quote(name) + " is not an AWS region name");
        }
    }

    /**
     * Hands {@code --profile}, when given, to the SDK's settings, after checking the SDK's profile files
     * (as the SDK reads them: ~/.aws/config and credentials, or AWS_CONFIG_FILE and
     * AWS_SHARED_CREDENTIALS_FILE) hold it: a profile that does not exist is its own error, not a missing
     * region or credentials later. An environment failure (exit 4), like those.
     */
    static void chooseProfile(ParseResult parsed) {
        Optional<String> profile = Optional.ofNullable(value(parsed, PROFILE));
        profile.ifPresent(name -> {
            if (ProfileFile.defaultProfileFile().profile(name).isEmpty()) {
                throw new IllegalStateException(
                        "no AWS profile " + ErrorLine.quote(name) + " in ~/.aws/config or credentials");
            }
        });
        AwsClients.choose(Optional.empty(), profile);
    }

    /** An option's value: the one given last, else its default (null without one). */
    @SuppressWarnings("unchecked")
    static <T> T value(ParseResult parsed, String option) {
        return (T) parsed.commandSpec().findOption(option).getValue();
    }

    static boolean given(ParseResult parsed, String option) {
        return parsed.hasMatchedOption(option);
    }

    /** An option's values in order; none if it was not given. */
    static List<String> values(ParseResult parsed, String option) {
        List<String> values = value(parsed, option);
        return values == null ? List.of() : List.copyOf(values);
    }

    /** The arguments after the options, in order. */
    @SuppressWarnings("unchecked")
    static List<String> arguments(ParseResult parsed) {
        List<PositionalParamSpec> positionals = parsed.commandSpec().positionalParameters();
        Object values = positionals.isEmpty() ? null : positionals.get(0).getValue();
        if (values instanceof String one) {
            return List.of(one);
        }
        return values == null ? List.of() : List.copyOf((List<String>) values);
    }

    /**
     * picocli's setting (a system property, read when a command line is made) naming the built-in converters
     * it must not load. It loads the java.sql and java.time ones by reflection, initializing about a hundred
     * classes at every start; every option here is a string or a flag, so none is needed.
     */
    private static final String CONVERTERS_EXCLUDES = "picocli.converters.excludes";

    /** The picocli command line of {@code spec}, set up as every parse here needs. */
    static CommandLine line(CommandSpec spec) {
        leanConverters();
        CommandLine line = new CommandLine(spec);
        configure(line);
        return line;
    }

    /** Before any command line is made: the converters picocli need not load (unless the user chose). */
    static void leanConverters() {
        if (System.getProperty(CONVERTERS_EXCLUDES) == null) {
            System.setProperty(CONVERTERS_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    /** Set after subcommands are added (picocli passes the settings down to those it has). */
    static CommandLine configure(CommandLine line) {
        return line
                // An argument @FILE is a file name, never a file of more arguments.
                .setExpandAtFiles(false)
                // As before picocli: an option given twice counts as given last.
                .setOverwrittenOptionsAllowed(true)
                // Help texts are printed as written: no ${...} lookups in them.
                .setInterpolateVariables(false);
    }

    /** Parses {@code args} against {@code spec} alone (the command's own tests, and {@link Main}'s commands). */
    static ParseResult parse(CommandSpec spec, List<String> args) {
        return parse(line(spec), args);
    }

    static ParseResult parse(CommandLine line, List<String> args) {
        ParseResult parsed;
        try {
            parsed = line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw usageError(e);
        }
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            noBlankValues(level);
        }
        return parsed;
    }

    private static void noBlankValues(ParseResult parsed) {
        for (OptionSpec option : parsed.matchedOptions()) {
            for (String value : option.arity().max() > 0 ? option.stringValues() : List.<String>of()) {
                if (value.isBlank()) {
                    throw new BadInputException(option.longestName(), "needs a value");
                }
            }
        }
    }

    /** Picocli's parse error as our one line, naming the option or argument. */
    static BadInputException usageError(ParameterException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BadInputException bad) {
                return bad;
            }
        }
        List<String> unknown = e.getCommandLine().getUnmatchedArguments();
        if (e instanceof MissingParameterException && !unknown.isEmpty()) {
            // picocli checks for required options before it reports unknown ones; a mistyped option is the
            // likelier cause, so it is named first.
            return usageError(new UnmatchedArgumentException(e.getCommandLine(), unknown));
        }
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        boolean root = spec.parent() == null && !spec.subcommands().isEmpty();
        if (e instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            String hint = suggestion(
                    argument.contains("=") && looksLikeOption(argument)
                            // picocli suggests for the name alone, not for --name=value
                            ? new UnmatchedArgumentException(
                                            e.getCommandLine(), List.of(argument.substring(0, argument.indexOf('='))))
                                    .getSuggestions()
                            : unmatched.getSuggestions());
            if (root && !looksLikeOption(argument)) {
                return new BadInputException(argument, "is not a command" + hint + " (run with --help for the list)");
            }
            if (looksLikeOption(argument)) {
                String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
                return new BadInputException(
                        name,
                        "is not an option of " + (root ? PROGRAM : spec.name()) + hint + " (usage: " + synopsis(spec)
                                + ")");
            }
            return new BadInputException(
                    argument, "is not an argument of " + spec.name() + " (usage: " + synopsis(spec) + ")");
        }
        if (e instanceof MissingParameterException missing
                && !missing.getMissing().isEmpty()) {
            ArgSpec arg = missing.getMissing().get(0);
            if (arg instanceof OptionSpec option) {
                return option.required() && !e.getMessage().startsWith("Missing required parameter for option")
                        ? new BadInputException(option.longestName(), "is required")
                        : new BadInputException(option.longestName(), "needs a value (usage: " + synopsis(spec) + ")");
            }
            return new BadInputException(spec.name(), "needs " + arg.paramLabel() + " (usage: " + synopsis(spec) + ")");
        }
        return new BadInputException(spec.name(), e.getMessage() + " (usage: " + synopsis(spec) + ")");
    }

    private static boolean looksLikeOption(String argument) {
        return argument.startsWith("-") && !argument.equals(Main.STDIN);
    }

    private static String suggestion(List<String> suggestions) {
        List<String> names = suggestions.stream().limit(3).toList();
        return names.isEmpty() ? "" : "; did you mean " + String.join(" or ", names) + "?";
    }

    /** {@code NAME [--option LABEL]... ARGUMENTS}: the options a command takes, but those every command has. */
    static String synopsis(CommandSpec spec) {
        List<String> parts = new ArrayList<>(List.of(spec.name()));
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp() || COMMON.contains(option.longestName())) {
                continue;
            }
            String shown = option.longestName() + (option.arity().max() > 0 ? " " + option.paramLabel() : "");
            parts.add((option.required() ? shown : "[" + shown + "]") + (option.isMultiValue() ? "..." : ""));
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            parts.add(positional.paramLabel() + (positional.isMultiValue() ? "..." : ""));
        }
        return String.join(" ", parts);
    }

    /** A command's help: how to run it, what it does, every option with its default, and its arguments. */
    static String help(CommandSpec spec) {
        return help(spec, Main.launcher());
    }

    /** The help, {@code launcher} being how the program is started (the CLI reference shows a fixed one). */
    static String help(CommandSpec spec, String launcher) {
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        StringBuilder text = new StringBuilder("usage: ")
                .append(launcher)
                .append(' ')
                .append(synopsis(spec))
                .append('\n')
                .append(String.join("\n", spec.usageMessage().description()))
                .append('\n');
        if (!spec.positionalParameters().isEmpty()) {
            text.append("arguments:\n").append(help.parameterList());
        }
        text.append("options:\n").append(help.optionList());
        return text.toString().stripTrailing();
    }
}
