package dev.ecspublicip.config;

import dev.ecspublicip.aws.CallDeadline;
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
 * A Config client whose every call carries the SDK's call and attempt timeouts, set per request from a
 * {@link CallDeadline}: one for reads, one (usually later) for PutEvaluations, so what was judged can still
 * be put after reading had to stop. The SDK's paginators call back into this client, so every page is
 * bounded too. Only the operations this project uses are offered.
 */
public final class DeadlineConfigClient implements ConfigClient {
    private final ConfigClient delegate;
    private final CallDeadline reads;
    private final CallDeadline puts;

    public DeadlineConfigClient(ConfigClient delegate, CallDeadline reads, CallDeadline puts) {
        this.delegate = delegate;
        this.reads = reads;
        this.puts = puts;
    }

    @Override
    public DescribeConfigRulesResponse describeConfigRules(DescribeConfigRulesRequest request) {
        return delegate.describeConfigRules(request.toBuilder()
                .overrideConfiguration(reads.applyTo(request.overrideConfiguration(), "DescribeConfigRules")).build());
    }

    @Override
    public ListDiscoveredResourcesResponse listDiscoveredResources(ListDiscoveredResourcesRequest request) {
        return delegate.listDiscoveredResources(request.toBuilder()
                .overrideConfiguration(reads.applyTo(request.overrideConfiguration(), "ListDiscoveredResources")).build());
    }

    @Override
    public BatchGetResourceConfigResponse batchGetResourceConfig(BatchGetResourceConfigRequest request) {
        return delegate.batchGetResourceConfig(request.toBuilder()
                .overrideConfiguration(reads.applyTo(request.overrideConfiguration(), "BatchGetResourceConfig")).build());
    }

    @Override
    public GetComplianceDetailsByConfigRuleResponse getComplianceDetailsByConfigRule(
            GetComplianceDetailsByConfigRuleRequest request) {
        return delegate.getComplianceDetailsByConfigRule(request.toBuilder()
                .overrideConfiguration(reads.applyTo(request.overrideConfiguration(), "GetComplianceDetailsByConfigRule"))
                .build());
    }

    @Override
    public GetResourceConfigHistoryResponse getResourceConfigHistory(GetResourceConfigHistoryRequest request) {
        return delegate.getResourceConfigHistory(request.toBuilder()
                .overrideConfiguration(reads.applyTo(request.overrideConfiguration(), "GetResourceConfigHistory")).build());
    }

    @Override
    public PutEvaluationsResponse putEvaluations(PutEvaluationsRequest request) {
        return delegate.putEvaluations(request.toBuilder()
                .overrideConfiguration(puts.applyTo(request.overrideConfiguration(), "PutEvaluations")).build());
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public ConfigServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    /** The delegate is the container's client, which outlives this one. */
    @Override
    public void close() {}
}
