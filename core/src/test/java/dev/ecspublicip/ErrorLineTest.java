package dev.ecspublicip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorLineTest {

    @Test
    void aMegabyteValueGivesOneShortLineWithTheValuesLength() {
        String megabyte = "A".repeat(1 << 20);
        BadInputException error = new BadInputException(
                "invokingEvent.messageType", ErrorLine.quote(megabyte) + " is not a message type this rule handles");
        String line = error.getMessage();
        assertTrue(line.length() <= ErrorLine.MAX_LENGTH, "length " + line.length());
        assertTrue(line.startsWith("invokingEvent.messageType: 'AAAA"), line);
        assertTrue(line.contains("…' (1048576 characters) is not a message type"), line);
    }

    @Test
    void aHugeFieldIsCutWithItsLengthSoTheProblemIsStillShown() {
        BadInputException error = new BadInputException("\u202e" + "x".repeat(1 << 20), "is not a command");
        String line = error.getMessage();
        assertTrue(line.length() <= ErrorLine.MAX_LENGTH, "length " + line.length());
        assertTrue(line.startsWith("\\u202Exxx"), line);
        assertTrue(line.endsWith("…(1048577 characters): is not a command"), line);
    }

    @Test
    void controlAndBidirectionalCharactersAreEscapedNeverWrittenRaw() {
        List<String> unprintable = List.of(
                "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
                "\u2067", "\u2068", "\u2069", "\u061c", "\ufeff", "\u200b", "\ud800");
        for (String c : unprintable) {
            String line = ErrorLine.of("field: got " + ErrorLine.quote("x" + c + "y"));
            assertFalse(line.contains(c), "raw U+" + Integer.toHexString(c.charAt(0)));
            assertTrue(line.contains(String.format("x\\u%04Xy", (int) c.charAt(0))), line);
        }
    }

    @Test
    void lineBreaksFoldIntoOneLine() {
        assertEquals("a: b c d", ErrorLine.of("a: b\r\n  c\u2028d"));
        assertFalse(ErrorLine.quote("x\ny").contains("\n"));
        assertEquals("'x\\u000Ay'", ErrorLine.quote("x\ny"));
    }

    @Test
    void aLongLineIsCutToTheLimitAndNeverInsideAnEscape() {
        for (int offset = 0; offset < 8; offset++) {
            String text = "x".repeat(offset) + "\u202e".repeat(400);
            String line = ErrorLine.of(text);
            assertTrue(line.length() <= ErrorLine.MAX_LENGTH);
            assertTrue(line.endsWith("…"));
            String body = line.substring(offset, line.length() - 1);
            assertTrue(body.matches("(\\\\u202E)*"), "cut inside an escape at offset " + offset + ": " + body);
        }
    }

    @Test
    void surrogatePairsStayWholeAndPrintableOnesStayRaw() {
        String emoji = "\ud83d\ude00";
        assertEquals("'" + emoji + "'", ErrorLine.quote(emoji));
        String line = ErrorLine.of(emoji.repeat(600));
        assertTrue(line.length() <= ErrorLine.MAX_LENGTH);
        assertFalse(Character.isHighSurrogate(line.charAt(line.length() - 2)));
    }

    @Test
    void aLongKeyInAFieldPathIsCutWithItsLength() {
        String name = ErrorLine.name("k".repeat(5000));
        assertTrue(name.length() < 130, name);
        assertTrue(name.endsWith("…(5000 characters)"), name);
        assertEquals("AssignPublicIp", ErrorLine.name("AssignPublicIp"));
    }

    @Test
    void asciiCaseFoldingIgnoresLookalikeLetters() {
        assertTrue(Ascii.equalsIgnoreCase("disabled", "DISABLED"));
        assertFalse(Ascii.equalsIgnoreCase("D\u0131SABLED", "DISABLED"));
        assertFalse(Ascii.equalsIgnoreCase("DI\u017FABLED", "DISABLED"));
        assertFalse(Ascii.equalsIgnoreCase("\u212Aey", "key"));
        assertFalse(Ascii.equalsIgnoreCase(null, "x"));
    }
}
