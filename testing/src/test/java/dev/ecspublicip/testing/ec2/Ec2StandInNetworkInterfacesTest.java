package dev.ecspublicip.testing.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Route;

/** Network interfaces and IPv6 routes as the real SDK client reads them, checked against the EC2 API model. */
class Ec2StandInNetworkInterfacesTest {
    @Test
    void networkInterfacesByIdCarryTheirPublicIpv4AndIpv6Addresses() {
        try (Ec2StandIn ec2 = new Ec2StandIn();
                Ec2Client client = ec2.client(b ->
                        b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))) {
            ec2.networkInterface("eni-1", "subnet-a", "vpc-1", "203.0.113.7")
                    .networkInterface("eni-2", "subnet-b", "vpc-1", null, "2600:1f18::5");
            List<NetworkInterface> found = client
                    .describeNetworkInterfacesPaginator(r -> r.networkInterfaceIds("eni-1", "eni-2"))
                    .networkInterfaces()
                    .stream()
                    .toList();

            assertEquals("203.0.113.7", found.get(0).association().publicIp());
            assertNull(found.get(1).association());
            assertEquals("2600:1f18::5", found.get(1).ipv6Addresses().get(0).ipv6Address());
            assertEquals("subnet-b", found.get(1).subnetId());
            ec2.assertNoViolations();
        }
    }

    @Test
    void anUnknownInterfaceIdFailsTheWholeCall() {
        try (Ec2StandIn ec2 = new Ec2StandIn();
                Ec2Client client = ec2.client(b ->
                        b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))) {
            ec2.networkInterface("eni-1", "subnet-a", "vpc-1", null);
            Ec2Exception error = assertThrows(
                    Ec2Exception.class,
                    () -> client.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-1", "eni-9")));
            assertEquals(
                    "InvalidNetworkInterfaceID.NotFound",
                    error.awsErrorDetails().errorCode());
            ec2.assertNoViolations();
        }
    }

    @Test
    void ipv6DefaultRoutesNameAnInternetGatewayOrAnEgressOnlyOne() {
        try (Ec2StandIn ec2 = new Ec2StandIn();
                Ec2Client client = ec2.client(b ->
                        b.httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()))) {
            ec2.routeTable("rtb-1", "vpc-1", false, List.of("subnet-a"), Ec2StandIn.Route.ipv6InternetGateway("igw-1"))
                    .routeTable("rtb-2", "vpc-1", true, List.of(), Ec2StandIn.Route.ipv6EgressOnly("eigw-1"));
            List<Route> routes =
                    client
                            .describeRouteTables(
                                    r -> r.filters(f -> f.name("vpc-id").values("vpc-1")))
                            .routeTables()
                            .stream()
                            .flatMap(t -> t.routes().stream())
                            .toList();

            assertEquals("::/0", routes.get(0).destinationIpv6CidrBlock());
            assertEquals("igw-1", routes.get(0).gatewayId());
            assertEquals("eigw-1", routes.get(1).egressOnlyInternetGatewayId());
            ec2.assertNoViolations();
        }
    }
}
