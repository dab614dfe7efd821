package dev.ecspublicip.config;

import dev.ecspublicip.aws.CallDeadline;

/**
 * The pause before asking Config again for items it accepted the call for but did not process
 * (FailedEvaluations, unprocessedResourceKeys). The SDK retries failed calls, not these partial
 * answers, so the pause, doubling with each attempt, is ours.
 */
public final class ItemRetryPause {
    private ItemRetryPause() {}

    /** Sleeps {@code firstMillis} times 2^(attempt - 1), attempt counting from 1. */
    public static void after(int attempt, long firstMillis, String what) {
        after(attempt, firstMillis, what, null);
    }

    /**
     * The same, unless the pause would end past {@code deadline} (null: none): then no pause and no retry,
     * {@link CallDeadline.Passed} instead.
     */
    public static void after(int attempt, long firstMillis, String what, CallDeadline deadline) {
        long pause = firstMillis << (attempt - 1);
        if (deadline != null && deadline.millisLeft() <= pause) {
            throw new CallDeadline.Passed("the retry of " + what);
        }
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry " + what, e);
        }
    }
}
