package dev.ecspublicip.config;

/**
 * The pause before asking Config again for items it accepted the call for but did not process
 * (FailedEvaluations, unprocessedResourceKeys). The SDK retries failed calls, not these partial
 * answers, so the pause, doubling with each attempt, is ours.
 */
public final class ItemRetryPause {
    private ItemRetryPause() {}

    /** Sleeps {@code firstMillis} times 2^(attempt - 1), attempt counting from 1. */
    public static void after(int attempt, long firstMillis, String what) {
        try {
            Thread.sleep(firstMillis << (attempt - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry " + what, e);
        }
    }
}
