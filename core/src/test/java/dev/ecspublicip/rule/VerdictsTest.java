package dev.ecspublicip.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    private static final Verdict PUBLIC = new Verdict(Compliance.NON_COMPLIANT, "public");
    private static final Verdict PRIVATE = new Verdict(Compliance.COMPLIANT, "private");
    private static final Verdict NONE = new Verdict(Compliance.NOT_APPLICABLE, "no awsvpc");

    @Test
    void theWorstPartsAreTheMostSevereInTheirOrder() {
        PartVerdict a = new PartVerdict("a", PRIVATE);
        PartVerdict b = new PartVerdict("b", PUBLIC);
        PartVerdict c = new PartVerdict("c", NONE);
        PartVerdict d = new PartVerdict("d", PUBLIC);
        assertEquals(List.of(b, d), Verdicts.worst(List.of(a, b, c, d)));
        assertEquals(List.of(a), Verdicts.worst(List.of(c, a)));
        assertEquals(List.of(), Verdicts.worst(List.of()));
    }

    @Test
    void alternativesThatAgreeGiveTheFirstVerdictWithoutACondition() {
        assertEquals(
                PUBLIC,
                Verdicts.ofAlternatives(List.of(
                        new PartVerdict("condition A is true", PUBLIC),
                        new PartVerdict("condition A is false", new Verdict(Compliance.NON_COMPLIANT, "other")))));
    }

    @Test
    void alternativesThatDisagreeNameTheConditionOfTheFirstWorst() {
        assertEquals(
                new Verdict(Compliance.COMPLIANT, "If condition A is false: private"),
                Verdicts.ofAlternatives(List.of(
                        new PartVerdict("condition A is true", NONE),
                        new PartVerdict("condition A is false", PRIVATE))));
        assertEquals(
                PUBLIC,
                Verdicts.ofAlternatives(List.of(new PartVerdict("", PUBLIC), new PartVerdict("", PRIVATE))),
                "nothing to name when nothing leads to it");
    }

    @Test
    void thereIsNoVerdictOfNoAlternatives() {
        assertThrows(IllegalArgumentException.class, () -> Verdicts.ofAlternatives(List.of()));
    }
}
