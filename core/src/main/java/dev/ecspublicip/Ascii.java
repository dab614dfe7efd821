package dev.ecspublicip;

/**
 * Case folding of ASCII letters only, the same in every locale. {@link String#equalsIgnoreCase} also folds
 * other letters onto ASCII ones ({@code ı} U+0131 matches {@code I}, {@code ſ} U+017F matches {@code S},
 * the Kelvin sign matches {@code K}), so a value AWS would refuse could pass for one it accepts.
 */
public final class Ascii {
    private Ascii() {}

    /** Whether {@code a} and {@code b} are equal when ASCII letters are compared without case; false if either is null. */
    public static boolean equalsIgnoreCase(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (lower(a.charAt(i)) != lower(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
