package dev.ecspublicip.remediation;

/**
 * How a remediation spends the invocation's time.
 *
 * @param minMillisForChanges below this much time left, no change is started; the next invocation continues
 * @param answerMillis kept after the last AWS call for the answer and its log line: every call must have
 *     ended (answered, or cut short by the SDK's timeouts) this long before the Lambda timeout
 */
public record Timing(int minMillisForChanges, int answerMillis) {
    /** The deployed function's (its Timeout is 120 s; a change gets at least 20 s to be answered). */
    public static final Timing LAMBDA = new Timing(20_000, 1_000);

    public Timing {
        if (answerMillis <= 0 || minMillisForChanges <= answerMillis) {
            throw new IllegalArgumentException("a change needs more time than the answer: " + minMillisForChanges
                    + " ms for changes, " + answerMillis + " ms for the answer");
        }
    }
}
