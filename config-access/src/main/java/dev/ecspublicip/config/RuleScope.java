package dev.ecspublicip.config;

import dev.ecspublicip.resource.ResourceKind;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigRule;
import software.amazon.awssdk.services.config.model.Scope;

/**
 * What AWS Config says about the rule being swept (one DescribeConfigRules call): the resource types in
 * its scope, the single resource it may be scoped to, and its InputParameters.
 *
 * @param resourceTypes the types to sweep; a rule without types in its scope is swept for both ECS types
 *     it judges, as it receives change events for every type
 */
public record RuleScope(List<String> resourceTypes, Optional<String> resourceId, Optional<String> inputParameters) {
    public static final List<String> ECS_TYPES =
            List.of(ResourceKind.SERVICE.configType(), ResourceKind.TASK_SET.configType());

    public RuleScope {
        resourceTypes = List.copyOf(resourceTypes);
    }

    public static RuleScope describe(ConfigClient config, String ruleName) {
        ConfigRule rule =
                config.describeConfigRules(request -> request.configRuleNames(ruleName)).configRules().stream()
                        .filter(candidate -> ruleName.equals(candidate.configRuleName()))
                        .findFirst()
                        .orElseThrow(() ->
                                new IllegalStateException("AWS Config did not describe the rule '" + ruleName + "'"));
        Scope scope = rule.scope();
        if (scope != null && scope.tagKey() != null) {
            // Config filters change events by tag, but neither ListDiscoveredResources nor
            // BatchGetResourceConfig can: a sweep would judge resources outside the rule's scope.
            throw new IllegalStateException("the rule '" + ruleName + "' is scoped by tag (" + scope.tagKey()
                    + "); a scheduled sweep needs a scope by resource type");
        }
        List<String> types = scope == null
                        || !scope.hasComplianceResourceTypes()
                        || scope.complianceResourceTypes().isEmpty()
                ? ECS_TYPES
                : scope.complianceResourceTypes();
        return new RuleScope(
                types,
                Optional.ofNullable(scope == null ? null : scope.complianceResourceId()),
                Optional.ofNullable(rule.inputParameters()));
    }
}
