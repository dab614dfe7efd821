package dev.ecspublicip.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.testing.lambda.TestContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    @Test
    void keepsTenSecondsBackFromALongTimeout() {
        AtomicLong remaining = new AtomicLong(60_000);
        TimeBudget budget = new TimeBudget(new TestContext(remaining::get), TimeBudget.RESERVE_MILLIS);

        remaining.set(10_000);
        assertFalse(budget.exhausted());
        remaining.set(9_999);
        assertTrue(budget.exhausted());
    }

    @Test
    void keepsAQuarterBackFromAShortOne() {
        AtomicLong remaining = new AtomicLong(8_000);
        TimeBudget budget = new TimeBudget(new TestContext(remaining::get), TimeBudget.RESERVE_MILLIS);

        assertFalse(budget.exhausted(), "a short timeout still leaves time to work");
        remaining.set(1_999);
        assertTrue(budget.exhausted());
    }

    @Test
    void pagesAreFetchedOnlyWhileTimeRemains() {
        AtomicLong remaining = new AtomicLong(60_000);
        TimeBudget budget = new TimeBudget(new TestContext(remaining::get), TimeBudget.RESERVE_MILLIS);
        List<Integer> seen = new java.util.ArrayList<>();

        boolean complete = budget.forEachPage(List.of(1, 2, 3), page -> {
            seen.add(page);
            remaining.set(1_000);
        });

        assertFalse(complete);
        assertEquals(List.of(1), seen);
    }
}
