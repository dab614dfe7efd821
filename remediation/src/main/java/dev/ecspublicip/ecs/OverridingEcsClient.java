package dev.ecspublicip.ecs;

import dev.ecspublicip.aws.RequestOverride;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsServiceClientConfiguration;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

/**
 * An ECS client that gives every call of the operations the remediation makes a {@link RequestOverride}
 * (its deadline), then hands it to the container's client. Other operations are not offered.
 */
public final class OverridingEcsClient implements EcsClient {
    private final EcsClient delegate;
    private final RequestOverride override;

    private OverridingEcsClient(EcsClient delegate, RequestOverride override) {
        this.delegate = delegate;
        this.override = override;
    }

    public static EcsClient of(EcsClient delegate, RequestOverride override) {
        return new OverridingEcsClient(delegate, override);
    }

    @Override
    public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
        return delegate.describeServices(override.applyTo(request));
    }

    @Override
    public DescribeTaskSetsResponse describeTaskSets(DescribeTaskSetsRequest request) {
        return delegate.describeTaskSets(override.applyTo(request));
    }

    @Override
    public DescribeTaskDefinitionResponse describeTaskDefinition(DescribeTaskDefinitionRequest request) {
        return delegate.describeTaskDefinition(override.applyTo(request));
    }

    @Override
    public ListTasksResponse listTasks(ListTasksRequest request) {
        return delegate.listTasks(override.applyTo(request));
    }

    @Override
    public DescribeTasksResponse describeTasks(DescribeTasksRequest request) {
        return delegate.describeTasks(override.applyTo(request));
    }

    @Override
    public UpdateServiceResponse updateService(UpdateServiceRequest request) {
        return delegate.updateService(override.applyTo(request));
    }

    @Override
    public CreateTaskSetResponse createTaskSet(CreateTaskSetRequest request) {
        return delegate.createTaskSet(override.applyTo(request));
    }

    @Override
    public UpdateServicePrimaryTaskSetResponse updateServicePrimaryTaskSet(UpdateServicePrimaryTaskSetRequest request) {
        return delegate.updateServicePrimaryTaskSet(override.applyTo(request));
    }

    @Override
    public DeleteTaskSetResponse deleteTaskSet(DeleteTaskSetRequest request) {
        return delegate.deleteTaskSet(override.applyTo(request));
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public EcsServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    /** The wrapped client is the container's, which outlives this one. */
    @Override
    public void close() {}
}
