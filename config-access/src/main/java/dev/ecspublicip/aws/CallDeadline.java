package dev.ecspublicip.aws;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * The moment by which an AWS call must have ended, derived from the time Lambda has left. It is applied
 * to each request as the SDK's own timeouts: {@code apiCallTimeout} for the whole call (every attempt and
 * backoff included) and {@code apiCallAttemptTimeout} for each HTTP attempt. A slow or hung endpoint then
 * ends the call with the SDK's timeout exception before the deadline instead of running past it; a call
 * asked for once the deadline has passed is not sent at all ({@link Passed}).
 */
public final class CallDeadline {
    /** No single attempt gets more than this, so a hung connection is retried while time remains. */
    public static final Duration MAX_ATTEMPT = Duration.ofSeconds(30);
    /** Timers fire a little late and clocks are read a little apart: a timeout this close to the deadline is the deadline's. */
    private static final long TOLERANCE_MILLIS = 100;

    /** Thrown instead of sending a call when no time is left before the deadline. */
    public static final class Passed extends RuntimeException {
        private final String operation;

        public Passed(String operation) {
            super(operation + " not sent: the time left before the Lambda timeout is used up", null, false, false);
            this.operation = operation;
        }

        public String operation() {
            return operation;
        }

        /** The call {@code failure} (or an exception it was caused by) did not send, if it is one. */
        public static Optional<Passed> of(Throwable failure) {
            for (Throwable e = failure; e != null; e = e.getCause()) {
                if (e instanceof Passed passed) {
                    return Optional.of(passed);
                }
            }
            return Optional.empty();
        }
    }

    private final LongSupplier millisLeft;

    /** @param millisLeft the time left until the deadline, read for each call */
    public CallDeadline(LongSupplier millisLeft) {
        this.millisLeft = millisLeft;
    }

    /** The Lambda timeout, less {@code keepMillis} kept for what must follow the call (answering, logging). */
    public static CallDeadline before(Context context, long keepMillis) {
        return new CallDeadline(() -> context.getRemainingTimeInMillis() - keepMillis);
    }

    public long millisLeft() {
        return millisLeft.getAsLong();
    }

    /** {@code existing} with both timeouts set to what is left; throws {@link Passed} if nothing is. */
    public AwsRequestOverrideConfiguration applyTo(
            Optional<AwsRequestOverrideConfiguration> existing, String operation) {
        long left = millisLeft();
        if (left <= 0) {
            throw new Passed(operation);
        }
        Duration call = Duration.ofMillis(left);
        return existing.map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder)
                .apiCallTimeout(call)
                .apiCallAttemptTimeout(call.compareTo(MAX_ATTEMPT) < 0 ? call : MAX_ATTEMPT)
                .build();
    }

    /**
     * Whether {@code failure} is a call this deadline ended: refused because no time was left, or timed
     * out by the SDK at (or just before) the deadline. A timeout long before it is an AWS failure.
     */
    public boolean ended(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof Passed) {
                return true;
            }
            if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
                return millisLeft() <= TOLERANCE_MILLIS;
            }
        }
        return false;
    }
}
