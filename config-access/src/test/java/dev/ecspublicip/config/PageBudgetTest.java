package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageBudgetTest {
    /** Pages 1..count, fetched only when asked for, as an SDK paginator fetches. */
    private static final class Pages implements Iterable<Integer> {
        private final int count;
        private int fetched;

        Pages(int count) {
            this.count = count;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return fetched < count;
                }

                @Override
                public Integer next() {
                    return ++fetched;
                }
            };
        }
    }

    @Test
    void theNextPageIsFetchedOnlyWhileTheBudgetLasts() {
        Pages pages = new Pages(5);
        List<Integer> read = new ArrayList<>();

        boolean complete = ((PageBudget) () -> read.size() == 2).forEachPage(pages, read::add);

        assertFalse(complete);
        assertEquals(List.of(1, 2), read);
        assertEquals(2, pages.fetched, "the third page is not fetched");
    }

    @Test
    void everyPageIsReadWhileTheBudgetLasts() {
        List<Integer> read = new ArrayList<>();

        assertTrue(((PageBudget) () -> false).forEachPage(new Pages(3), read::add));
        assertEquals(List.of(1, 2, 3), read);
    }

    @Test
    void aBudgetSpentWhenTheLastPageIsReadStillReadEverything() {
        List<Integer> read = new ArrayList<>();

        assertTrue(((PageBudget) () -> read.size() == 3).forEachPage(new Pages(3), read::add));
    }
}
