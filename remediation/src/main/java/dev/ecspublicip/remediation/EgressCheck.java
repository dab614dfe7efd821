package dev.ecspublicip.remediation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;

/**
 * The egress pre-flight: can tasks in these subnets still start once they have no public IP, given what
 * their task definition needs ({@link TaskNeeds})?
 *
 * <p>A subnet passes when its route table (its explicit association, else its VPC's main table) has an
 * active default route ({@code 0.0.0.0/0}) through a NAT gateway, a NAT instance (an instance or network
 * interface target) or a transit gateway; or when every need can be served by its VPC's endpoints of this
 * region: interface endpoints with private DNS (ECR API and Docker, CloudWatch Logs, Secrets Manager, SSM)
 * and an S3 gateway endpoint on that route table. Images from any registry but this region's ECR need the
 * route. A default route to an internet gateway alone does not count: without a public IP a task cannot
 * use it.
 */
final class EgressCheck {
    static final String DEFAULT_ROUTE = "0.0.0.0/0";

    private final Supplier<Ec2Client> ec2;

    EgressCheck(Supplier<Ec2Client> ec2) {
        this.ec2 = ec2;
    }

    /** The verdict for the subnets of one service or task set, in {@code region} (for endpoint names). */
    EgressReport check(List<String> subnetIds, String region, TaskNeeds needs) {
        if (subnetIds.isEmpty()) {
            return new EgressReport(List.of(), List.of("the network configuration names no subnets"));
        }
        Map<String, String> vpcOfSubnet = new LinkedHashMap<>();
        try {
            for (Subnet subnet : ec2.get()
                    .describeSubnetsPaginator(request -> request.subnetIds(subnetIds))
                    .subnets()) {
                vpcOfSubnet.put(subnet.subnetId(), subnet.vpcId());
            }
        } catch (Ec2Exception e) {
            if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode().startsWith("InvalidSubnetID")) {
                return new EgressReport(List.of(), List.of(e.awsErrorDetails().errorMessage()));
            }
            throw e;
        }
        Map<String, Vpc> vpcs = new HashMap<>();
        List<String> passed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String subnetId : subnetIds) {
            String vpcId = vpcOfSubnet.get(subnetId);
            if (vpcId == null) {
                problems.add(subnetId + ": EC2 does not describe this subnet");
                continue;
            }
            Vpc vpc = vpcs.computeIfAbsent(vpcId, Vpc::new);
            judge(subnetId, vpc, region, needs, passed, problems);
        }
        return new EgressReport(passed, problems);
    }

    private void judge(
            String subnetId, Vpc vpc, String region, TaskNeeds needs, List<String> passed, List<String> problems) {
        Optional<RouteTable> explicit = vpc.routeTables().stream()
                .filter(table -> table.associations().stream().anyMatch(a -> subnetId.equals(a.subnetId())))
                .findFirst();
        Optional<RouteTable> table = explicit.or(() -> vpc.routeTables().stream()
                .filter(t -> t.associations().stream().anyMatch(a -> Boolean.TRUE.equals(a.main())))
                .findFirst());
        if (table.isEmpty()) {
            problems.add(subnetId + ": no route table is associated with it and its VPC " + vpc.id
                    + " has no main route table");
            return;
        }
        String tableLabel = table.get().routeTableId() + (explicit.isPresent() ? "" : ", the VPC's main route table");
        Optional<String> egress = table.get().routes().stream()
                .map(EgressCheck::egressTarget)
                .flatMap(Optional::stream)
                .findFirst();
        if (egress.isPresent()) {
            passed.add(subnetId + " via " + egress.get() + " (" + tableLabel + ")");
            return;
        }
        Set<String> used = new LinkedHashSet<>();
        List<String> lost = new ArrayList<>();
        for (TaskNeeds.Need need : needs.needs()) {
            String loses = "container '" + need.container() + "' would lose " + need.what();
            if (need.endpoints().isEmpty()) {
                lost.add(loses + " (only a NAT or transit gateway route serves it)");
                continue;
            }
            List<String> missing = vpc.missingEndpoints(region, table.get().routeTableId(), need.endpoints());
            if (missing.isEmpty()) {
                need.endpoints().forEach(endpoint -> used.add(endpoint.service()));
            } else {
                lost.add(loses + " (the VPC lacks " + String.join(", ", missing) + ")");
            }
        }
        if (lost.isEmpty()) {
            passed.add(subnetId + " via the VPC endpoints for " + String.join(", ", used) + " (" + tableLabel + ")");
            return;
        }
        problems.add(subnetId + " (" + tableLabel + "): " + defaultRouteFinding(table.get()) + "; "
                + String.join("; ", lost));
    }

    /** The NAT gateway, NAT instance or transit gateway an active default route goes through. */
    private static Optional<String> egressTarget(Route route) {
        if (!DEFAULT_ROUTE.equals(route.destinationCidrBlock()) || route.state() != RouteState.ACTIVE) {
            return Optional.empty();
        }
        if (route.natGatewayId() != null) {
            return Optional.of("NAT gateway " + route.natGatewayId());
        }
        if (route.transitGatewayId() != null) {
            return Optional.of("transit gateway " + route.transitGatewayId());
        }
        if (route.instanceId() != null) {
            return Optional.of("NAT instance " + route.instanceId());
        }
        if (route.networkInterfaceId() != null) {
            return Optional.of("NAT instance network interface " + route.networkInterfaceId());
        }
        return Optional.empty();
    }

    private static String defaultRouteFinding(RouteTable table) {
        Optional<Route> defaultRoute = table.routes().stream()
                .filter(route -> DEFAULT_ROUTE.equals(route.destinationCidrBlock()))
                .findFirst();
        if (defaultRoute.isEmpty()) {
            return "no default route (0.0.0.0/0)";
        }
        Route route = defaultRoute.get();
        String target = route.gatewayId() != null
                ? route.gatewayId()
                : route.natGatewayId() != null
                        ? route.natGatewayId()
                        : route.transitGatewayId() != null
                                ? route.transitGatewayId()
                                : route.networkInterfaceId() != null
                                        ? route.networkInterfaceId()
                                        : route.vpcPeeringConnectionId() != null
                                                ? route.vpcPeeringConnectionId()
                                                : "another target";
        if (route.state() != RouteState.ACTIVE) {
            return "the default route to " + target + " is " + route.stateAsString();
        }
        String kind = target.startsWith("igw-")
                ? "an internet gateway, which needs a public IP"
                : "a target that is not a NAT gateway, NAT instance or transit gateway";
        return "the default route goes to " + target + ", " + kind;
    }

    /** One VPC's route tables and endpoints, each read once (all pages) and only when needed. */
    private final class Vpc {
        private final String id;
        private List<RouteTable> routeTables;
        private List<VpcEndpoint> endpoints;

        Vpc(String id) {
            this.id = id;
        }

        List<RouteTable> routeTables() {
            if (routeTables == null) {
                routeTables = new ArrayList<>();
                ec2.get()
                        .describeRouteTablesPaginator(request -> request.filters(vpcFilter()))
                        .routeTables()
                        .forEach(routeTables::add);
            }
            return routeTables;
        }

        List<String> missingEndpoints(String region, String routeTableId, List<TaskNeeds.Endpoint> wanted) {
            if (endpoints == null) {
                endpoints = new ArrayList<>();
                ec2.get()
                        .describeVpcEndpointsPaginator(request -> request.filters(vpcFilter()))
                        .vpcEndpoints()
                        .forEach(endpoints::add);
            }
            List<String> missing = new ArrayList<>();
            for (TaskNeeds.Endpoint endpoint : wanted) {
                String service = endpoint.service();
                if (endpoint.gateway()) {
                    List<VpcEndpoint> found = available(region, service, VpcEndpointType.GATEWAY);
                    if (found.isEmpty()) {
                        missing.add("a gateway endpoint for com.amazonaws." + region + "." + service);
                    } else if (found.stream().noneMatch(e -> e.routeTableIds().contains(routeTableId))) {
                        missing.add("route table " + routeTableId + " on its " + service.toUpperCase(Locale.ROOT)
                                + " gateway endpoint " + found.get(0).vpcEndpointId());
                    }
                    continue;
                }
                List<VpcEndpoint> found = available(region, service, VpcEndpointType.INTERFACE);
                if (found.isEmpty()) {
                    missing.add("an interface endpoint for com.amazonaws." + region + "." + service);
                } else if (found.stream().noneMatch(e -> Boolean.TRUE.equals(e.privateDnsEnabled()))) {
                    missing.add("private DNS on its " + service + " interface endpoint "
                            + found.get(0).vpcEndpointId());
                }
            }
            return missing;
        }

        private List<VpcEndpoint> available(String region, String service, VpcEndpointType type) {
            return endpoints.stream()
                    .filter(e -> e.vpcEndpointType() == type)
                    .filter(e -> e.stateAsString() != null
                            && e.stateAsString().toLowerCase(Locale.ROOT).equals("available"))
                    .filter(e -> isServiceName(e.serviceName(), region, service))
                    .toList();
        }

        private Filter vpcFilter() {
            return Filter.builder().name("vpc-id").values(id).build();
        }
    }

    /** {@code com.amazonaws.REGION.SERVICE}, or {@code cn.com.amazonaws.REGION.SERVICE} in the China regions. */
    private static boolean isServiceName(String name, String region, String service) {
        String suffix = "com.amazonaws." + region + "." + service;
        return suffix.equals(name) || ("cn." + suffix).equals(name);
    }
}
