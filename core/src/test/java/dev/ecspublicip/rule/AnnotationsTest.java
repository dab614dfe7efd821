package dev.ecspublicip.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnnotationsTest {
    @Test
    void shortTextIsKept() {
        assertEquals("fine", Annotations.fit(" fine "));
    }

    @Test
    void emptyTextIsNoAnnotation() {
        assertNull(Annotations.fit("  "));
    }

    @Test
    void longTextIsCutTo256WithAnEllipsis() {
        String fitted = Annotations.fit("x".repeat(300));
        assertEquals(256, fitted.length());
        assertTrue(fitted.endsWith("…"));
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        // 254 ASCII characters, then emoji (two chars each): the cut at 255 would fall inside one.
        String fitted = Annotations.fit("a".repeat(254) + "😀😀😀");
        assertEquals("a".repeat(254) + "…", fitted);
        assertTrue(fitted.chars().noneMatch(c -> Character.isSurrogate((char) c)));
    }
}
