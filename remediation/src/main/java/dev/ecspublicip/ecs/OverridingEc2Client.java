package dev.ecspublicip.ecs;

import dev.ecspublicip.aws.RequestOverride;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ServiceClientConfiguration;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;

/**
 * An EC2 client that gives every call of the egress pre-flight a {@link RequestOverride} (its deadline),
 * then hands it to the container's client; the paginators call back into it, so every page gets it.
 * Other operations are not offered.
 */
public final class OverridingEc2Client implements Ec2Client {
    private final Ec2Client delegate;
    private final RequestOverride override;

    private OverridingEc2Client(Ec2Client delegate, RequestOverride override) {
        this.delegate = delegate;
        this.override = override;
    }

    public static Ec2Client of(Ec2Client delegate, RequestOverride override) {
        return new OverridingEc2Client(delegate, override);
    }

    @Override
    public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest request) {
        return delegate.describeSubnets(override.applyTo(request));
    }

    @Override
    public DescribeNetworkInterfacesResponse describeNetworkInterfaces(DescribeNetworkInterfacesRequest request) {
        return delegate.describeNetworkInterfaces(override.applyTo(request));
    }

    @Override
    public DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest request) {
        return delegate.describeRouteTables(override.applyTo(request));
    }

    @Override
    public DescribeVpcEndpointsResponse describeVpcEndpoints(DescribeVpcEndpointsRequest request) {
        return delegate.describeVpcEndpoints(override.applyTo(request));
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public Ec2ServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    /** The wrapped client is the container's, which outlives this one. */
    @Override
    public void close() {}
}
