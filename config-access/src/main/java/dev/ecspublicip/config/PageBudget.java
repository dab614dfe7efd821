package dev.ecspublicip.config;

import java.util.Iterator;
import java.util.function.Consumer;

/** When a long read must stop fetching pages (e.g. a Lambda nearing its timeout). */
public interface PageBudget {
    boolean exhausted();

    /**
     * Hands each page of an SDK paginator to {@code onPage}, fetching the next page only while the
     * budget lasts. Returns whether every page was read.
     */
    default <P> boolean forEachPage(Iterable<P> pages, Consumer<P> onPage) {
        Iterator<P> iterator = pages.iterator();
        while (iterator.hasNext()) {
            if (exhausted()) {
                return false;
            }
            onPage.accept(iterator.next());
        }
        return true;
    }
}
