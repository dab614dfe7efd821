package dev.ecspublicip.cli;

import dev.ecspublicip.rule.Compliance;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParseResult;

/**
 * What a command prints besides its results, and how: {@code --quiet} leaves only the results (errors are
 * always told); colors only on a terminal, and never with {@code --no-color} or a non-empty
 * {@code NO_COLOR} (https://no-color.org/).
 */
final class Console {
    static final String QUIET = "--quiet";
    static final String NO_COLOR = "--no-color";

    private final boolean quiet;
    private final boolean color;

    private Console(boolean quiet, boolean color) {
        this.quiet = quiet;
        this.color = color;
    }

    /** From the command's options, the environment, and whether the JVM runs on a terminal. */
    static Console of(ParseResult parsed) {
        boolean terminal = System.console() != null;
        // The environment is read only when it matters: on a terminal.
        return of(parsed, terminal ? System.getenv("NO_COLOR") : null, terminal);
    }

    static Console of(ParseResult parsed, String noColorVariable, boolean terminal) {
        boolean noColor = parsed.hasMatchedOption(NO_COLOR) || (noColorVariable != null && !noColorVariable.isEmpty());
        return new Console(parsed.hasMatchedOption(QUIET), terminal && !noColor);
    }

    /** Only the results: no table header, summary, progress or log lines. */
    boolean quiet() {
        return quiet;
    }

    /** A verdict for a table column {@code width} wide, colored when colors are on. */
    String verdict(Compliance compliance, int width) {
        String padded = String.format("%-" + width + "s", compliance.name());
        if (!color) {
            // picocli's Ansi is loaded only when colors are on
            return padded;
        }
        String style = switch (compliance) {
            case NON_COMPLIANT -> "bold,red";
            case COMPLIANT -> "green";
            case NOT_APPLICABLE -> "faint";
        };
        return Ansi.ON.string("@|" + style + " " + padded + "|@");
    }
}
