package dev.ecspublicip.config;

import java.util.Optional;
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
 * The container's Config client, with a metric publisher attached to every request of the operations a
 * sweep uses, so the run's log line can count calls and retried throttles. The SDK's paginators call
 * back into this client, so their page requests are counted too. Other operations are not offered.
 */
public final class MeteredConfigClient implements ConfigClient {
    private final ConfigClient delegate;
    private final MetricPublisher publisher;

    public MeteredConfigClient(ConfigClient delegate, MetricPublisher publisher) {
        this.delegate = delegate;
        this.publisher = publisher;
    }

    @Override
    public DescribeConfigRulesResponse describeConfigRules(DescribeConfigRulesRequest request) {
        return delegate.describeConfigRules(
                request.toBuilder().overrideConfiguration(metered(request.overrideConfiguration())).build());
    }

    @Override
    public ListDiscoveredResourcesResponse listDiscoveredResources(ListDiscoveredResourcesRequest request) {
        return delegate.listDiscoveredResources(
                request.toBuilder().overrideConfiguration(metered(request.overrideConfiguration())).build());
    }

    @Override
    public BatchGetResourceConfigResponse batchGetResourceConfig(BatchGetResourceConfigRequest request) {
        return delegate.batchGetResourceConfig(
                request.toBuilder().overrideConfiguration(metered(request.overrideConfiguration())).build());
    }

    @Override
    public GetComplianceDetailsByConfigRuleResponse getComplianceDetailsByConfigRule(
            GetComplianceDetailsByConfigRuleRequest request) {
        return delegate.getComplianceDetailsByConfigRule(
                request.toBuilder().overrideConfiguration(metered(request.overrideConfiguration())).build());
    }

    @Override
    public GetResourceConfigHistoryResponse getResourceConfigHistory(GetResourceConfigHistoryRequest request) {
        return delegate.getResourceConfigHistory(
                request.toBuilder().overrideConfiguration(metered(request.overrideConfiguration())).build());
    }

    @Override
    public PutEvaluationsResponse putEvaluations(PutEvaluationsRequest request) {
        return delegate.putEvaluations(
                request.toBuilder().overrideConfiguration(metered(request.overrideConfiguration())).build());
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public ConfigServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    /** The container's client outlives the sweep; it is not closed here. */
    @Override
    public void close() {}

    private AwsRequestOverrideConfiguration metered(Optional<AwsRequestOverrideConfiguration> existing) {
        return existing.map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder)
                .addMetricPublisher(publisher)
                .build();
    }
}
