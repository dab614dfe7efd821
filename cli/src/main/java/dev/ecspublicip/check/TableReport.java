package dev.ecspublicip.check;

import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.rule.Compliance;
import java.io.IOException;
import java.util.function.Function;

/**
 * The table {@code check} prints by default: a header and a row per resource. Every value from the input is
 * escaped as error lines escape it ({@link ErrorLine#mustEscape}: control characters, escape sequences, line
 * breaks, bidirectional controls), so a logical id or an annotation cannot forge a line in a CI log.
 */
public final class TableReport {
    private TableReport() {}

    /**
     * The whole table: the header, a row per resource, the summary; with {@code quiet} only the rows.
     *
     * @param verdictColumn a verdict as its column shows it, padded to 14 characters (and colored, on a terminal)
     */
    public static void write(Checker.Run run, Appendable out, Function<Compliance, String> verdictColumn, boolean quiet)
            throws IOException {
        if (!quiet) {
            out.append(header()).append('\n');
        }
        for (CheckedResource result : run.results()) {
            out.append(row(result, verdictColumn.apply(result.verdict().compliance())))
                    .append('\n');
        }
        if (!quiet) {
            out.append(Report.summary(run)).append('\n');
        }
    }

    public static String header() {
        return String.format("%-14s %-18s %s  %s", "VERDICT", "TYPE", "FILE: RESOURCE", "DETAIL");
    }

    public static String row(CheckedResource result) {
        return row(result, String.format("%-14s", result.verdict().compliance()));
    }

    /** A row whose verdict column is {@code verdictColumn}, already padded (and colored, on a terminal). */
    public static String row(CheckedResource result, String verdictColumn) {
        return String.format(
                "%s %-18s %s: %s  %s",
                verdictColumn,
                escape(result.resourceType()),
                escape(result.file()),
                escape(result.resource()),
                escape(result.verdict().annotation()));
    }

    private static String escape(String text) {
        return ErrorLine.printable(text);
    }
}
