package dev.ecspublicip.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.config.PageBudget;

/**
 * The sweep's time, from the Lambda's remaining time: new work starts only while more than a reserve is
 * left, reads (in flight included) end when the reserve is reached, and the puts of what is judged end a
 * little before the Lambda timeout, leaving time for the summary line. Both limits are the SDK's own
 * per-request timeouts ({@link CallDeadline}), so a slow endpoint cannot hold the handler past its timeout.
 */
final class TimeBudget implements PageBudget {
    /**
     * Kept back from the Lambda timeout (a quarter of the time left at the start, if that is less);
     * covers the last puts of what was judged.
     */
    static final long RESERVE_MILLIS = 10_000;
    /** Kept after the last put for the summary line and the handler's answer (a quarter of the reserve, if less). */
    static final long FINISH_MILLIS = 500;

    private final Context context;
    private final long reserveMillis;
    private final CallDeadline reads;
    private final CallDeadline puts;

    TimeBudget(Context context, long reserveMillis) {
        this.context = context;
        this.reserveMillis = Math.min(reserveMillis, context.getRemainingTimeInMillis() / 4);
        this.reads = CallDeadline.before(context, this.reserveMillis);
        this.puts = CallDeadline.before(context, Math.min(FINISH_MILLIS, this.reserveMillis / 4));
    }

    @Override
    public boolean exhausted() {
        return context.getRemainingTimeInMillis() < reserveMillis;
    }

    /** Until when a read may run: the reserve. */
    CallDeadline reads() {
        return reads;
    }

    /** Until when a put may run: just before the Lambda timeout. */
    CallDeadline puts() {
        return puts;
    }

    /** Whether a failure is a call the budget ended (timed out at its deadline, or not sent): the time budget, not an AWS failure. */
    boolean ended(Throwable failure) {
        return reads.ended(failure) || puts.ended(failure);
    }
}
