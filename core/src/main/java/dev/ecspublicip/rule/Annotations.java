package dev.ecspublicip.rule;

/** Keeps annotations within Config's limit of 1 to 256 characters. */
public final class Annotations {
    public static final int MAX_LENGTH = 256;
    private static final String ELLIPSIS = "…";

    private Annotations() {}

    /** The text, cut to fit with an ellipsis, never splitting a surrogate pair; null when empty. */
    public static String fit(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() <= MAX_LENGTH) {
            return trimmed;
        }
        int end = MAX_LENGTH - ELLIPSIS.length();
        if (Character.isLowSurrogate(trimmed.charAt(end)) && Character.isHighSurrogate(trimmed.charAt(end - 1))) {
            end--;
        }
        return trimmed.substring(0, end) + ELLIPSIS;
    }
}
