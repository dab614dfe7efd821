package dev.ecspublicip.lambda;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.config.OverridingConfigClient;
import dev.ecspublicip.config.RuleSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.config.ConfigClient;

/**
 * Whoever may invoke the evaluator can write an event naming any member account. Before the evaluator
 * reads or puts anything in a member account, this confirms, through that account's member role, that
 * the event's rule exists there and runs this function: one DescribeConfigRules, whose
 * {@code Source.SourceIdentifier} must name this function (an alias or version qualifier on either side
 * does not matter: both run this function's code).
 *
 * <p>A confirmation is kept for {@link #CONFIRMED_FOR} per account and rule name, so a burst of change
 * events for one rule costs one call; an event naming another rule, or another account, gets a check of
 * its own. A refusal is never kept: a rule created a moment ago is confirmed on its first event.
 */
final class MemberRuleCheck {
    /** How long a confirmed (account, rule) stays confirmed in a warm container. */
    static final Duration CONFIRMED_FOR = Duration.ofMinutes(5);

    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "(arn:[a-z][a-z0-9-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9_-]+)(:[a-zA-Z0-9$_-]+)?");

    private final LongSupplier nanoTime;
    private final Map<Confirmed, Long> confirmedUntil = new ConcurrentHashMap<>();

    private record Confirmed(String account, String ruleName) {}

    MemberRuleCheck() {
        this(System::nanoTime);
    }

    MemberRuleCheck(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Returns when {@code account}'s rule {@code ruleName} runs {@code invokedFunctionArn}'s function.
     *
     * @param member the account's client, with the member role's credentials
     * @param deadline bounds the DescribeConfigRules call
     * @throws BadInputException if the event names no rule
     * @throws IllegalStateException if the account has no such rule, or the rule runs another function
     */
    void confirm(
            ConfigClient member, String account, String ruleName, String invokedFunctionArn, CallDeadline deadline) {
        if (ruleName == null || ruleName.isEmpty()) {
            throw new BadInputException(
                    "configRuleName",
                    "is missing; an event for another account (" + account + ") is only evaluated for a rule of that"
                            + " account that runs this function");
        }
        Confirmed key = new Confirmed(account, ruleName);
        Long until = confirmedUntil.get(key);
        if (until != null && nanoTime.getAsLong() - until < 0) {
            return;
        }
        String function = unqualified(invokedFunctionArn).orElseThrow();
        Optional<RuleSource> source =
                RuleSource.describe(OverridingConfigClient.withDeadlines(member, deadline, deadline), ruleName);
        Optional<String> runs = source.flatMap(RuleSource::lambdaFunction).flatMap(MemberRuleCheck::unqualified);
        if (runs.isEmpty() || !runs.get().equals(function)) {
            confirmedUntil.remove(key);
            throw new IllegalStateException("refusing to evaluate account " + account + ": "
                    + (source.isEmpty()
                            ? "it has no Config rule " + ErrorLine.quote(ruleName)
                            : "its Config rule " + ErrorLine.quote(ruleName) + " runs "
                                    + source.get()
                                            .lambdaFunction()
                                            .map(ErrorLine::quote)
                                            .orElse("no Lambda function (owner "
                                                    + source.get().owner() + ")"))
                    + ", not this function (" + function + "); nothing was read or put there");
        }
        confirmedUntil.put(key, nanoTime.getAsLong() + CONFIRMED_FOR.toNanos());
    }

    /** {@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME} without an alias or version; empty if not one. */
    static Optional<String> unqualified(String functionArn) {
        Matcher m = FUNCTION_ARN.matcher(functionArn == null ? "" : functionArn);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
