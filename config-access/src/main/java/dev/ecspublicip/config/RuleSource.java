package dev.ecspublicip.config;

import java.util.Optional;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigRule;
import software.amazon.awssdk.services.config.model.NoSuchConfigRuleException;

/**
 * What AWS Config says a rule runs (one DescribeConfigRules for its name): the owner of its source and,
 * for a custom Lambda rule, the function's ARN ({@code Source.SourceIdentifier}).
 */
public record RuleSource(String ruleName, String owner, Optional<String> sourceIdentifier) {
    public static final String CUSTOM_LAMBDA = "CUSTOM_LAMBDA";

    /** The rule's source; empty when the account has no rule of that name. */
    public static Optional<RuleSource> describe(ConfigClient config, String ruleName) {
        try {
            return config.describeConfigRules(request -> request.configRuleNames(ruleName)).configRules().stream()
                    .filter(rule -> ruleName.equals(rule.configRuleName()))
                    .findFirst()
                    .map(RuleSource::of);
        } catch (NoSuchConfigRuleException e) {
            return Optional.empty();
        }
    }

    private static RuleSource of(ConfigRule rule) {
        return rule.source() == null
                ? new RuleSource(rule.configRuleName(), "", Optional.empty())
                : new RuleSource(
                        rule.configRuleName(),
                        rule.source().ownerAsString(),
                        Optional.ofNullable(rule.source().sourceIdentifier()));
    }

    /** The function a custom Lambda rule invokes; empty for any other kind of rule. */
    public Optional<String> lambdaFunction() {
        return CUSTOM_LAMBDA.equals(owner) ? sourceIdentifier : Optional.empty();
    }
}
