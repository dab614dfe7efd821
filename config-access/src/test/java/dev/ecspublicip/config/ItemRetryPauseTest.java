package dev.ecspublicip.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecspublicip.aws.CallDeadline;
import org.junit.jupiter.api.Test;

class ItemRetryPauseTest {

    @Test
    void aPauseThatWouldEndPastTheDeadlineIsNotTakenAndTheRetryIsRefused() {
        CallDeadline halfASecondLeft = new CallDeadline(() -> 500);

        CallDeadline.Passed refused = assertThrows(
                CallDeadline.Passed.class, () -> ItemRetryPause.after(3, 200, "failed evaluations", halfASecondLeft));

        assertTrue(refused.getMessage().startsWith("the retry of failed evaluations not sent"), refused.getMessage());
        assertTrue(halfASecondLeft.ended(refused), "counts as the deadline's, not as an AWS failure");
    }

    @Test
    void aPauseThatFitsBeforeTheDeadlineIsTaken() {
        assertDoesNotThrow(() -> ItemRetryPause.after(1, 10, "unprocessed resource keys", new CallDeadline(() -> 500)));
    }
}
