package dev.ecspublicip.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ecspublicip.rule.RuleParameters;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the hook answers when its input is hostile: one line, bounded, never an exception. */
class HookResponseTest {
    @Test
    void aMessageIsOneLineOfAtMost1000CharactersWithControlCharactersEscaped() {
        HookResponse response =
                HookResponse.internalFailure("bad\nfield\u0007\u202e" + "x".repeat(2000), Optional.empty());

        assertEquals(1000, response.message().length());
        assertFalse(response.message().contains("\n"));
        assertEquals("bad field\\u0007\\u202Exx", response.message().substring(0, 23));
        assertEquals("…", response.message().substring(999));
    }

    @Test
    void anAnswerIsGivenForAnyInputAtAll() {
        PreventionHook hook = new PreventionHook(() -> RuleParameters.NONE);
        for (String input : new String[] {
            "",
            "[]",
            "null",
            "{\"actionInvocationPoint\": 7}",
            "{\"clientRequestToken\": \"t\", \"actionInvocationPoint\": \"CREATE_PRE_PROVISION\", \"requestData\": []}"
        }) {
            HookResponse response = hook.answer(input);
            assertEquals(HookResponse.Status.FAILED, response.status(), input);
            assertEquals(Optional.of(HookResponse.ErrorCode.InternalFailure), response.errorCode(), input);
        }
    }
}
