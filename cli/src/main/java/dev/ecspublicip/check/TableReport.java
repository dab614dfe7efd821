package dev.ecspublicip.check;

import dev.ecspublicip.ErrorLine;

/**
 * The table {@code check} prints by default: a header and a row per resource. Every value from the input is
 * escaped as error lines escape it ({@link ErrorLine#mustEscape}: control characters, escape sequences, line
 * breaks, bidirectional controls), so a logical id or an annotation cannot forge a line in a CI log.
 */
public final class TableReport {
    private TableReport() {}

    public static String header() {
        return String.format("%-14s %-18s %s  %s", "VERDICT", "TYPE", "FILE: RESOURCE", "DETAIL");
    }

    public static String row(CheckedResource result) {
        return String.format(
                "%-14s %-18s %s: %s  %s",
                result.verdict().compliance(),
                escape(result.resourceType()),
                escape(result.file()),
                escape(result.resource()),
                escape(result.verdict().annotation()));
    }

    private static String escape(String text) {
        return ErrorLine.printable(text);
    }
}
