package dev.ecspublicip;

/**
 * The one formatter of error lines (bad input, CLI failures, hook messages): one line of at most
 * {@value #MAX_LENGTH} characters in which nothing from the input can move the cursor, break the line or
 * reorder what a terminal or console shows.
 *
 * <p>Escaped as {@code \}{@code uXXXX}: control characters (Unicode Cc, line breaks included), format
 * characters (Cf: the bidirectional controls U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C, zero-width
 * characters, the byte-order mark), the line and paragraph separators (U+2028, U+2029) and unpaired
 * surrogates. Values echoed from the input go through {@link #quote}, which cuts them and gives their length.
 */
public final class ErrorLine {
    /** The longest line, in UTF-16 characters. */
    public static final int MAX_LENGTH = 1_000;
    /** The longest part of a field's path that is shown. */
    public static final int MAX_FIELD = 400;
    /** The longest part of an echoed value (or a key name in a path) that is shown. */
    public static final int MAX_ECHO = 100;

    private static final String ELLIPSIS = "…";

    private ErrorLine() {}

    /** {@code text} as one line: runs of line breaks (and the spaces around them) become one space, then escaped and cut. */
    public static String of(String text) {
        return of(text, MAX_LENGTH);
    }

    /** As {@link #of(String)}, cut to {@code max} characters (at most {@value #MAX_LENGTH}). */
    public static String of(String text, int max) {
        int limit = Math.min(max, MAX_LENGTH);
        String folded = String.valueOf(text).replaceAll("[ \\t]*(\\r\\n|[\\r\\n\\u2028\\u2029])+[ \\t]*", " ");
        String escaped = escape(folded);
        if (escaped.length() <= limit) {
            return escaped;
        }
        int end = safeEnd(escaped, limit - ELLIPSIS.length());
        return escaped.substring(0, end) + ELLIPSIS;
    }

    /**
     * A value from the input as an error line shows it: in single quotes, escaped, and when longer than
     * {@value #MAX_ECHO} characters cut with its length given, e.g. {@code 'AAAA…' (1048576 characters)}.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_ECHO) {
            return "'" + escape(value) + "'";
        }
        return "'" + escape(cut(value, MAX_ECHO)) + ELLIPSIS + "' (" + value.length() + " characters)";
    }

    /**
     * A key name from the input as part of a field path: escaped, and when longer than
     * {@value #MAX_ECHO} characters cut with its length given.
     */
    public static String name(String key) {
        if (key.length() <= MAX_ECHO) {
            return escape(key);
        }
        return escape(cut(key, MAX_ECHO)) + ELLIPSIS + "(" + key.length() + " characters)";
    }

    /**
     * A field's path (or a file name, an option) at the start of an error line: escaped, and when longer
     * than {@value #MAX_FIELD} characters cut with its length given, so the problem after it is still shown.
     */
    public static String field(String path) {
        String escaped = escape(String.valueOf(path));
        if (escaped.length() <= MAX_FIELD) {
            return escaped;
        }
        return escaped.substring(0, safeEnd(escaped, MAX_FIELD)) + ELLIPSIS + "(" + path.length() + " characters)";
    }

    /** Whether {@code c} is a character that error lines never write raw. */
    public static boolean mustEscape(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** Whether {@code text} holds any character {@link #mustEscape} (a lone surrogate included). */
    public static boolean hasUnprintable(String text) {
        return text.codePoints().anyMatch(ErrorLine::mustEscape);
    }

    /**
     * {@code text} whole, with every character {@link #mustEscape} escaped as in error lines: for reports
     * that print values from the input (e.g. {@code check}'s table), where nothing may forge a line either.
     */
    public static String printable(String text) {
        return escape(text, Integer.MAX_VALUE);
    }

    private static String escape(String text) {
        return escape(text, MAX_LENGTH * 2);
    }

    private static String escape(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH * 2) + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            if (mustEscape(c)) {
                for (int j = i; j < i + width; j++) {
                    out.append(String.format("\\u%04X", (int) text.charAt(j)));
                }
            } else {
                out.appendCodePoint(c);
            }
            i += width;
            if (out.length() > max) {
                // Longer than any line can be: the rest would be cut anyway.
                out.append(ELLIPSIS);
                break;
            }
        }
        return out.toString();
    }

    /** {@code end}, or a little less so that the cut splits neither an escape sequence nor a surrogate pair. */
    private static int safeEnd(String escaped, int end) {
        int escapeStart = escaped.lastIndexOf("\\u", end - 1);
        if (escapeStart >= 0 && escapeStart > end - 6 && isEscape(escaped, escapeStart)) {
            end = escapeStart;
        }
        if (Character.isLowSurrogate(escaped.charAt(end)) && Character.isHighSurrogate(escaped.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static String cut(String text, int length) {
        int end = length;
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean isEscape(String text, int at) {
        if (at + 6 > text.length()) {
            return true;
        }
        for (int i = at + 2; i < at + 6; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
