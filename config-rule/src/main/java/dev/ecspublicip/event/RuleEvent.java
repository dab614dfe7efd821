package dev.ecspublicip.event;

import dev.ecspublicip.config.EvaluationPublisher;
import dev.ecspublicip.rule.RuleParameters;

/**
 * The Lambda input AWS Config sends a custom rule, decoded and validated.
 *
 * @param resultToken the token PutEvaluations must carry; {@value #TEST_MODE_TOKEN} for test invocations
 */
public record RuleEvent(
        InvokingEvent invokingEvent,
        RuleParameters parameters,
        String resultToken,
        boolean eventLeftScope,
        String configRuleName,
        String accountId) {

    public static final String TEST_MODE_TOKEN = EvaluationPublisher.TEST_MODE_TOKEN;
}
