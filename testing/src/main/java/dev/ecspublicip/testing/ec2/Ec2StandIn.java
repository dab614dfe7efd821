package dev.ecspublicip.testing.ec2;

import dev.ecspublicip.testing.protocol.ApiModel;
import dev.ecspublicip.testing.protocol.QueryProtocolStandIn;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * A loopback stand-in of Amazon EC2 for the egress pre-flight, for tasks' network interfaces and for the
 * regions {@code scan --all-regions} reads: DescribeSubnets, DescribeRouteTables, DescribeVpcEndpoints,
 * DescribeNetworkInterfaces and DescribeRegions over the EC2 query protocol (form-encoded POST with {@code Action} and
 * {@code Version=2016-11-15}; XML answers whose lists are {@code <item>} elements inside
 * {@code subnetSet}, {@code routeTableSet}, {@code routeSet}, {@code associationSet},
 * {@code vpcEndpointSet}, {@code routeTableIdSet}...).
 *
 * <p>Every request and every answer is checked against the EC2 API model ({@link ApiModel}, query
 * protocol) by {@link QueryProtocolStandIn}: a request EC2 would reject is answered 400 and recorded as a
 * violation, and so is an answer outside the operation's output shape. It also rejects what the model
 * cannot express: an unknown filter name, a MaxResults out of range, and DescribeNetworkInterfaces with
 * both MaxResults and ids. An id it does not hold is an error for the whole call, as EC2 answers it
 * ({@code InvalidSubnetID.NotFound}, {@code InvalidNetworkInterfaceID.NotFound}). Answers are paged (see {@link #pageSize}) so
 * callers that do not follow {@code nextToken} miss data.
 */
public final class Ec2StandIn extends QueryProtocolStandIn {
    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final Pattern FILTER = Pattern.compile("Filter\\.(\\d+)\\.(Name|Value\\.(\\d+))");

    /** One request as received: the action and its form parameters. */
    public record Call(String action, Map<String, String> params) {}

    /** A route: its destination, the XML element naming its target (e.g. natGatewayId), and its state. */
    public record Route(String destination, String targetElement, String targetId, String state) {
        public static Route local(String cidr) {
            return new Route(cidr, "gatewayId", "local", "active");
        }

        public static Route internetGateway(String id) {
            return new Route("0.0.0.0/0", "gatewayId", id, "active");
        }

        public static Route natGateway(String id) {
            return new Route("0.0.0.0/0", "natGatewayId", id, "active");
        }

        public static Route transitGateway(String id) {
            return new Route("0.0.0.0/0", "transitGatewayId", id, "active");
        }

        public static Route networkInterface(String id) {
            return new Route("0.0.0.0/0", "networkInterfaceId", id, "active");
        }

        public static Route blackholeNatGateway(String id) {
            return new Route("0.0.0.0/0", "natGatewayId", id, "blackhole");
        }

        /** {@code ::/0} to an internet gateway: IPv6 addresses in the subnet are reachable from the internet. */
        public static Route ipv6InternetGateway(String id) {
            return new Route("::/0", "gatewayId", id, "active");
        }

        /** {@code ::/0} to an egress-only internet gateway: outbound IPv6 only. */
        public static Route ipv6EgressOnly(String id) {
            return new Route("::/0", "egressOnlyInternetGatewayId", id, "active");
        }
    }

    private record Subnet(String id, String vpcId) {}

    private record RegionItem(String name, String optInStatus) {
        String endpoint() {
            return "ec2." + name + ".amazonaws.com";
        }
    }

    /** A network interface: a public IPv4 address when {@code publicIp} is not null, and its IPv6 addresses. */
    private record NetworkInterface(
            String id,
            String subnetId,
            String vpcId,
            String publicIp,
            List<String> ipv6Addresses,
            String description) {}

    private record RouteTable(String id, String vpcId, boolean main, List<String> subnets, List<Route> routes) {}

    private record Endpoint(
            String id,
            String vpcId,
            String serviceName,
            String type,
            String state,
            boolean privateDns,
            List<String> routeTableIds) {}

    private record Operation(
            String idParameter, int minResults, int maxResults, Map<String, Function<Object, List<String>>> filters) {
        /** The parameters naming ids, {@code SubnetId.1}, {@code SubnetId.2}... */
        boolean namesId(String parameter) {
            return parameter.length() > idParameter.length() + 1
                    && parameter.startsWith(idParameter)
                    && parameter.charAt(idParameter.length()) == '.'
                    && parameter.chars().skip(idParameter.length() + 1).allMatch(c -> c >= '0' && c <= '9');
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Subnet> subnets = new CopyOnWriteArrayList<>();
    private final List<RouteTable> routeTables = new CopyOnWriteArrayList<>();
    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
    private final List<NetworkInterface> networkInterfaces = new CopyOnWriteArrayList<>();
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final List<RegionItem> regions = new CopyOnWriteArrayList<>();
    private volatile int pageSize = Integer.MAX_VALUE;
    /** Each item's XML, written once: the items are records of values, so an equal item is the same XML. */
    private final Map<Object, String> itemXml = new java.util.concurrent.ConcurrentHashMap<>();

    public Ec2StandIn() {
        super("ec2", "InvalidParameterValue");
        operations.put(
                "DescribeSubnets",
                new Operation(
                        "SubnetId",
                        5,
                        1000,
                        Map.of(
                                "vpc-id", s -> List.of(((Subnet) s).vpcId()),
                                "subnet-id", s -> List.of(((Subnet) s).id()))));
        operations.put(
                "DescribeRouteTables",
                new Operation(
                        "RouteTableId",
                        5,
                        100,
                        Map.of(
                                "vpc-id", t -> List.of(((RouteTable) t).vpcId()),
                                "route-table-id", t -> List.of(((RouteTable) t).id()),
                                "association.subnet-id", t -> ((RouteTable) t).subnets(),
                                "association.main", t -> List.of(String.valueOf(((RouteTable) t).main())))));
        operations.put(
                "DescribeVpcEndpoints",
                new Operation(
                        "VpcEndpointId",
                        1,
                        1000,
                        Map.of(
                                "vpc-id", e -> List.of(((Endpoint) e).vpcId()),
                                "service-name", e -> List.of(((Endpoint) e).serviceName()),
                                "vpc-endpoint-type", e -> List.of(((Endpoint) e).type()),
                                "vpc-endpoint-state", e -> List.of(((Endpoint) e).state()))));
        operations.put(
                "DescribeNetworkInterfaces",
                new Operation(
                        "NetworkInterfaceId",
                        5,
                        1000,
                        Map.of(
                                "network-interface-id", n -> List.of(((NetworkInterface) n).id()),
                                "subnet-id", n -> List.of(((NetworkInterface) n).subnetId()),
                                "vpc-id", n -> List.of(((NetworkInterface) n).vpcId()))));
        // DescribeRegions has no MaxResults; 0..0 refuses one.
        operations.put(
                "DescribeRegions",
                new Operation(
                        "RegionName",
                        0,
                        0,
                        Map.of(
                                "region-name", r -> List.of(((RegionItem) r).name()),
                                "opt-in-status", r -> List.of(((RegionItem) r).optInStatus()),
                                "endpoint", r -> List.of(((RegionItem) r).endpoint()))));
    }

    /**
     * A real SDK client talking to this stand-in, its builder configured by {@code configuration} as the
     * code under test configures its own ({@code AwsClients::configure}).
     */
    public Ec2Client client(UnaryOperator<Ec2ClientBuilder> configuration) {
        return StandInClients.client(Ec2Client.builder(), configuration, endpoint());
    }

    public Ec2StandIn subnet(String id, String vpcId) {
        subnets.add(new Subnet(id, vpcId));
        return this;
    }

    /** A route table; {@code main} makes it its VPC's main table; {@code associated} are explicit associations. */
    public Ec2StandIn routeTable(String id, String vpcId, boolean main, List<String> associated, Route... routes) {
        routeTables.add(new RouteTable(id, vpcId, main, List.copyOf(associated), List.of(routes)));
        return this;
    }

    /** An available endpoint; type is Interface or Gateway; route tables matter for gateway endpoints. */
    public Ec2StandIn vpcEndpoint(
            String id, String vpcId, String serviceName, String type, boolean privateDns, String... routeTableIds) {
        return vpcEndpoint(id, vpcId, serviceName, type, "available", privateDns, routeTableIds);
    }

    public Ec2StandIn vpcEndpoint(
            String id,
            String vpcId,
            String serviceName,
            String type,
            String state,
            boolean privateDns,
            String... routeTableIds) {
        endpoints.add(new Endpoint(id, vpcId, serviceName, type, state, privateDns, List.of(routeTableIds)));
        return this;
    }

    /**
     * A task's network interface (interface type {@code interface}, requester-managed by ECS, as Fargate's
     * are); {@code publicIp} null for none, {@code ipv6Addresses} empty for none.
     */
    public Ec2StandIn networkInterface(
            String id, String subnetId, String vpcId, String publicIp, String... ipv6Addresses) {
        networkInterfaces.removeIf(existing -> existing.id().equals(id));
        networkInterfaces.add(new NetworkInterface(
                id,
                subnetId,
                vpcId,
                publicIp,
                List.of(ipv6Addresses),
                "arn:aws:ecs:us-east-1:123456789012:attachment/" + id));
        return this;
    }

    /** The interface is deleted (its task stopped): asking for it by id is InvalidNetworkInterfaceID.NotFound. */
    public Ec2StandIn deleteNetworkInterface(String id) {
        networkInterfaces.removeIf(existing -> existing.id().equals(id));
        return this;
    }

    /**
     * A region DescribeRegions lists, with its opt-in status ({@code opt-in-not-required}, {@code opted-in}
     * or {@code not-opted-in}); without AllRegions only the enabled ones are answered, as EC2 does.
     */
    public Ec2StandIn region(String name, String optInStatus) {
        regions.add(new RegionItem(name, optInStatus));
        return this;
    }

    /** At most this many items per answer; more come behind a {@code nextToken}. */
    public Ec2StandIn pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String action) {
        return calls.stream().filter(call -> call.action().equals(action)).toList();
    }

    @Override
    protected Answer answer(Request request) {
        String action = request.action();
        Map<String, String> params = new TreeMap<>(request.parameters());
        calls.add(new Call(action, Map.copyOf(params)));
        Operation operation = operations.get(action);
        if (operation == null) {
            return reject("InvalidAction", "the stand-in does not answer " + action);
        }
        List<String> ids = new ArrayList<>();
        Map<Integer, String> filterNames = new TreeMap<>();
        Map<Integer, List<String>> filterValues = new TreeMap<>();
        Integer maxResults = null;
        for (Map.Entry<String, String> param : params.entrySet()) {
            String name = param.getKey();
            Matcher filter = FILTER.matcher(name);
            if (name.equals("Action") || name.equals("Version") || name.equals("NextToken") || name.equals("DryRun")) {
                continue;
            } else if (action.equals("DescribeRegions") && name.equals("AllRegions")) {
                continue;
            } else if (name.equals("MaxResults")) {
                maxResults = Integer.parseInt(param.getValue());
            } else if (operation.namesId(name)) {
                ids.add(param.getValue());
            } else if (filter.matches()) {
                int index = Integer.parseInt(filter.group(1));
                if (filter.group(3) == null) {
                    filterNames.put(index, param.getValue());
                } else {
                    filterValues.computeIfAbsent(index, k -> new ArrayList<>()).add(param.getValue());
                }
            } else {
                return reject("UnknownParameter", "The parameter " + name + " is not recognized by " + action);
            }
        }
        if (maxResults != null && (maxResults < operation.minResults() || maxResults > operation.maxResults())) {
            return reject(
                    "InvalidParameterValue",
                    "MaxResults " + maxResults + " is outside " + operation.minResults() + ".." + operation.maxResults()
                            + " for " + action);
        }
        if (action.equals("DescribeNetworkInterfaces") && maxResults != null && !ids.isEmpty()) {
            return reject(
                    "InvalidParameterCombination",
                    "MaxResults cannot be specified with NetworkInterfaceIds in DescribeNetworkInterfaces");
        }
        for (Map.Entry<Integer, String> filter : filterNames.entrySet()) {
            if (!operation.filters().containsKey(filter.getValue())) {
                return reject(
                        "InvalidParameterValue", "The filter '" + filter.getValue() + "' is invalid for " + action);
            }
        }
        List<Object> matching = new ArrayList<>(
                switch (action) {
                    case "DescribeSubnets" -> subnets;
                    case "DescribeRouteTables" -> routeTables;
                    case "DescribeNetworkInterfaces" -> networkInterfaces;
                    case "DescribeRegions" -> regions;
                    default -> endpoints;
                });
        if (action.equals("DescribeRegions") && ids.isEmpty() && !"true".equals(params.get("AllRegions"))) {
            // Without AllRegions (or names asked for), only the regions enabled for the account.
            matching.removeIf(region -> ((RegionItem) region).optInStatus().equals("not-opted-in"));
        }
        java.util.Set<String> held = new java.util.HashSet<>();
        matching.forEach(item -> held.add(idOf(item)));
        for (String id : ids) {
            if (!held.contains(id)) {
                return error(
                        400,
                        switch (action) {
                            case "DescribeSubnets" -> "InvalidSubnetID.NotFound";
                            case "DescribeNetworkInterfaces" -> "InvalidNetworkInterfaceID.NotFound";
                            default -> "InvalidParameterValue";
                        },
                        "The ID '" + id + "' does not exist");
            }
        }
        if (!ids.isEmpty()) {
            java.util.Set<String> asked = new java.util.HashSet<>(ids);
            matching.removeIf(item -> !asked.contains(idOf(item)));
        }
        for (Map.Entry<Integer, String> filter : filterNames.entrySet()) {
            List<String> wanted = filterValues.getOrDefault(filter.getKey(), List.of());
            Function<Object, List<String>> values = operation.filters().get(filter.getValue());
            matching.removeIf(item -> values.apply(item).stream().noneMatch(wanted::contains));
        }
        int start = params.containsKey("NextToken")
                ? Integer.parseInt(params.get("NextToken").substring("page-".length()))
                : 0;
        int size = Math.min(pageSize, maxResults == null ? Integer.MAX_VALUE : maxResults);
        int end = (int) Math.min((long) start + size, matching.size());
        StringBuilder xml = new StringBuilder(1_024 + 1_280 * Math.max(0, end - start))
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<")
                .append(action)
                .append("Response xmlns=\"")
                .append(NAMESPACE)
                .append("\">\n")
                .append("  <requestId>")
                .append(REQUEST_ID)
                .append("</requestId>\n");
        String set = switch (action) {
            case "DescribeSubnets" -> "subnetSet";
            case "DescribeRouteTables" -> "routeTableSet";
            case "DescribeNetworkInterfaces" -> "networkInterfaceSet";
            case "DescribeRegions" -> "regionInfo";
            default -> "vpcEndpointSet";
        };
        xml.append("  <").append(set).append(">\n");
        for (Object item : matching.subList(start, end)) {
            xml.append("    <item>\n")
                    .append(itemXml.computeIfAbsent(item, Ec2StandIn::itemXml))
                    .append("    </item>\n");
        }
        xml.append("  </").append(set).append(">\n");
        if (end < matching.size()) {
            xml.append("  <nextToken>page-").append(end).append("</nextToken>\n");
        }
        xml.append("</").append(action).append("Response>\n");
        return ok(action, xml.toString());
    }

    private static String idOf(Object item) {
        if (item instanceof Subnet subnet) {
            return subnet.id();
        }
        if (item instanceof RouteTable table) {
            return table.id();
        }
        if (item instanceof NetworkInterface networkInterface) {
            return networkInterface.id();
        }
        if (item instanceof RegionItem region) {
            return region.name();
        }
        return ((Endpoint) item).id();
    }

    private static String itemXml(Object item) {
        StringBuilder xml = new StringBuilder();
        if (item instanceof RegionItem region) {
            element(xml, 6, "regionName", region.name());
            element(xml, 6, "regionEndpoint", region.endpoint());
            element(xml, 6, "optInStatus", region.optInStatus());
            return xml.toString();
        }
        if (item instanceof Subnet subnet) {
            element(xml, 6, "subnetId", subnet.id());
            element(xml, 6, "subnetArn", "arn:aws:ec2:us-east-1:123456789012:subnet/" + subnet.id());
            element(xml, 6, "state", "available");
            element(xml, 6, "vpcId", subnet.vpcId());
            element(xml, 6, "ownerId", "123456789012");
            element(xml, 6, "cidrBlock", "10.0.0.0/24");
            element(xml, 6, "availableIpAddressCount", "250");
            element(xml, 6, "availabilityZone", "us-east-1a");
            element(xml, 6, "availabilityZoneId", "use1-az1");
            element(xml, 6, "defaultForAz", "false");
            element(xml, 6, "mapPublicIpOnLaunch", "false");
            element(xml, 6, "assignIpv6AddressOnCreation", "false");
            xml.append("      <ipv6CidrBlockAssociationSet/>\n      <tagSet/>\n");
        } else if (item instanceof RouteTable table) {
            element(xml, 6, "routeTableId", table.id());
            element(xml, 6, "vpcId", table.vpcId());
            element(xml, 6, "ownerId", "123456789012");
            xml.append("      <routeSet>\n");
            for (Route route : table.routes()) {
                xml.append("        <item>\n");
                element(
                        xml,
                        10,
                        route.destination().contains(":") ? "destinationIpv6CidrBlock" : "destinationCidrBlock",
                        route.destination());
                element(xml, 10, route.targetElement(), route.targetId());
                if (route.targetElement().equals("networkInterfaceId")) {
                    element(xml, 10, "instanceOwnerId", "123456789012");
                }
                element(xml, 10, "state", route.state());
                element(xml, 10, "origin", route.targetId().equals("local") ? "CreateRouteTable" : "CreateRoute");
                xml.append("        </item>\n");
            }
            xml.append("      </routeSet>\n      <associationSet>\n");
            int n = 0;
            if (table.main()) {
                association(xml, table.id(), "rtbassoc-main" + table.id().substring(4), null);
            }
            for (String subnet : table.subnets()) {
                association(xml, table.id(), "rtbassoc-" + (n++) + table.id().substring(4), subnet);
            }
            xml.append("      </associationSet>\n      <propagatingVgwSet/>\n      <tagSet/>\n");
        } else if (item instanceof NetworkInterface networkInterface) {
            networkInterfaceXml(xml, networkInterface);
        } else {
            Endpoint endpoint = (Endpoint) item;
            element(xml, 6, "vpcEndpointId", endpoint.id());
            element(xml, 6, "vpcEndpointType", endpoint.type());
            element(xml, 6, "vpcId", endpoint.vpcId());
            element(xml, 6, "serviceName", endpoint.serviceName());
            element(xml, 6, "state", endpoint.state());
            xml.append("      <routeTableIdSet>\n");
            endpoint.routeTableIds().forEach(id -> element(xml, 8, "item", id));
            xml.append("      </routeTableIdSet>\n      <subnetIdSet/>\n      <groupSet/>\n");
            element(xml, 6, "privateDnsEnabled", String.valueOf(endpoint.privateDns()));
            element(xml, 6, "requesterManaged", "false");
            xml.append("      <networkInterfaceIdSet/>\n      <dnsEntrySet/>\n");
            element(xml, 6, "creationTimestamp", "2026-03-02T09:15:00.000Z");
            xml.append("      <tagSet/>\n");
            element(xml, 6, "ownerId", "123456789012");
        }
        return xml.toString();
    }

    private static void networkInterfaceXml(StringBuilder xml, NetworkInterface eni) {
        if (eni.publicIp() != null) {
            xml.append("      <association>\n");
            element(xml, 8, "ipOwnerId", "amazon");
            element(xml, 8, "publicDnsName", "");
            element(xml, 8, "publicIp", eni.publicIp());
            xml.append("      </association>\n");
        }
        element(xml, 6, "availabilityZone", "us-east-1a");
        element(xml, 6, "description", eni.description());
        xml.append("      <groupSet>\n        <item>\n");
        element(xml, 10, "groupId", "sg-1");
        element(xml, 10, "groupName", "default");
        xml.append("        </item>\n      </groupSet>\n");
        element(xml, 6, "interfaceType", "interface");
        xml.append("      <ipv6AddressesSet>\n");
        for (String address : eni.ipv6Addresses()) {
            xml.append("        <item>\n");
            element(xml, 10, "ipv6Address", address);
            element(xml, 10, "isPrimaryIpv6", "false");
            xml.append("        </item>\n");
        }
        xml.append("      </ipv6AddressesSet>\n");
        element(xml, 6, "macAddress", "02:00:00:00:00:01");
        element(xml, 6, "networkInterfaceId", eni.id());
        element(xml, 6, "ownerId", "123456789012");
        element(xml, 6, "privateIpAddress", "10.0.0.10");
        element(xml, 6, "requesterId", "578734482556");
        element(xml, 6, "requesterManaged", "true");
        element(xml, 6, "sourceDestCheck", "true");
        element(xml, 6, "status", "in-use");
        element(xml, 6, "subnetId", eni.subnetId());
        xml.append("      <tagSet/>\n");
        element(xml, 6, "vpcId", eni.vpcId());
    }

    private static void association(StringBuilder xml, String tableId, String associationId, String subnet) {
        xml.append("        <item>\n");
        element(xml, 10, "routeTableAssociationId", associationId);
        element(xml, 10, "routeTableId", tableId);
        if (subnet != null) {
            element(xml, 10, "subnetId", subnet);
        }
        element(xml, 10, "main", String.valueOf(subnet == null));
        xml.append("          <associationState>\n");
        element(xml, 12, "state", "associated");
        xml.append("          </associationState>\n        </item>\n");
    }

    private static void element(StringBuilder xml, int indent, String name, String value) {
        for (int i = 0; i < indent; i++) {
            xml.append(' ');
        }
        xml.append('<')
                .append(name)
                .append('>')
                .append(escape(value))
                .append("</")
                .append(name)
                .append(">\n");
    }
}
