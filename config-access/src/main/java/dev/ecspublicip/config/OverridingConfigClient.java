package dev.ecspublicip.config;

import dev.ecspublicip.aws.CallDeadline;
import dev.ecspublicip.aws.RequestOverride;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.ConfigServiceClientConfiguration;
import software.amazon.awssdk.services.config.model.BatchGetResourceConfigRequest;
import software.amazon.awssdk.services.config.model.BatchGetResourceConfigResponse;
import software.amazon.awssdk.services.config.model.DescribeConfigRulesRequest;
import software.amazon.awssdk.services.config.model.DescribeConfigRulesResponse;
import software.amazon.awssdk.services.config.model.GetComplianceDetailsByConfigRuleRequest;
import software.amazon.awssdk.services.config.model.GetComplianceDetailsByConfigRuleResponse;
import software.amazon.awssdk.services.config.model.GetResourceConfigHistoryRequest;
import software.amazon.awssdk.services.config.model.GetResourceConfigHistoryResponse;
import software.amazon.awssdk.services.config.model.ListDiscoveredResourcesRequest;
import software.amazon.awssdk.services.config.model.ListDiscoveredResourcesResponse;
import software.amazon.awssdk.services.config.model.PutEvaluationsRequest;
import software.amazon.awssdk.services.config.model.PutEvaluationsResponse;

/**
 * A Config client that gives every call of the operations this project uses a {@link RequestOverride}
 * (the SDK's own per-request settings), then hands it to the client it wraps. The SDK's paginators call
 * back into this client, so every page gets it too. Other operations are not offered.
 *
 * <ul>
 *   <li>{@link #withDeadlines}: the SDK's call and attempt timeouts from a {@link CallDeadline}, one for
 *       reads and one (usually later) for PutEvaluations, so what was judged can still be put after
 *       reading had to stop;
 *   <li>{@link #metered}: a metric publisher on every request, so a sweep's log line can count calls and
 *       retried throttles.
 * </ul>
 */
public final class OverridingConfigClient implements ConfigClient {
    private final ConfigClient delegate;
    private final RequestOverride override;

    private OverridingConfigClient(ConfigClient delegate, RequestOverride override) {
        this.delegate = delegate;
        this.override = override;
    }

    public static ConfigClient withDeadlines(ConfigClient delegate, CallDeadline reads, CallDeadline puts) {
        return new OverridingConfigClient(
                delegate,
                (operation, existing) ->
                        (operation.equals("PutEvaluations") ? puts : reads).applyTo(existing, operation));
    }

    public static ConfigClient metered(ConfigClient delegate, MetricPublisher publisher) {
        return new OverridingConfigClient(
                delegate,
                (operation, existing) -> existing.map(AwsRequestOverrideConfiguration::toBuilder)
                        .orElseGet(AwsRequestOverrideConfiguration::builder)
                        .addMetricPublisher(publisher)
                        .build());
    }

    @Override
    public DescribeConfigRulesResponse describeConfigRules(DescribeConfigRulesRequest request) {
        return delegate.describeConfigRules(override.applyTo(request));
    }

    @Override
    public ListDiscoveredResourcesResponse listDiscoveredResources(ListDiscoveredResourcesRequest request) {
        return delegate.listDiscoveredResources(override.applyTo(request));
    }

    @Override
    public BatchGetResourceConfigResponse batchGetResourceConfig(BatchGetResourceConfigRequest request) {
        return delegate.batchGetResourceConfig(override.applyTo(request));
    }

    @Override
    public GetComplianceDetailsByConfigRuleResponse getComplianceDetailsByConfigRule(
            GetComplianceDetailsByConfigRuleRequest request) {
        return delegate.getComplianceDetailsByConfigRule(override.applyTo(request));
    }

    @Override
    public GetResourceConfigHistoryResponse getResourceConfigHistory(GetResourceConfigHistoryRequest request) {
        return delegate.getResourceConfigHistory(override.applyTo(request));
    }

    @Override
    public PutEvaluationsResponse putEvaluations(PutEvaluationsRequest request) {
        return delegate.putEvaluations(override.applyTo(request));
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public ConfigServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    /** The wrapped client is the container's, which outlives this one. */
    @Override
    public void close() {}
}
