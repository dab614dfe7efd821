package dev.ecspublicip.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ecspublicip.config.PageBudget;

/**
 * When a sweep must stop starting work: once the Lambda's remaining time falls below a reserve kept for
 * finishing the reads already under way and putting what is judged.
 */
final class TimeBudget implements PageBudget {
    /**
     * Kept back from the Lambda timeout (a quarter of the time left at the start, if that is less);
     * covers in-flight batch reads, their tag lookups and the last puts.
     */
    static final long RESERVE_MILLIS = 10_000;

    private final Context context;
    private final long reserveMillis;

    TimeBudget(Context context, long reserveMillis) {
        this.context = context;
        this.reserveMillis = Math.min(reserveMillis, context.getRemainingTimeInMillis() / 4);
    }

    @Override
    public boolean exhausted() {
        return context.getRemainingTimeInMillis() < reserveMillis;
    }
}
