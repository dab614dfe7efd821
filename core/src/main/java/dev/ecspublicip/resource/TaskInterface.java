package dev.ecspublicip.resource;

import java.util.List;
import java.util.Optional;

/**
 * One network interface of a task, as EC2 describes it.
 *
 * @param publicIpv4 {@code Association.PublicIp}: an auto-assigned public IP or an Elastic IP
 * @param ipv6Addresses every IPv6 address the interface holds
 * @param ipv6InternetRoute when the subnet's route table sends {@code ::/0} to an internet gateway (not an
 *     egress-only one): that route, e.g. {@code rtb-1 routes ::/0 to igw-1}; empty otherwise
 */
public record TaskInterface(
        String networkInterfaceId,
        String subnetId,
        Optional<String> publicIpv4,
        List<String> ipv6Addresses,
        Optional<String> ipv6InternetRoute) {
    public TaskInterface {
        ipv6Addresses = List.copyOf(ipv6Addresses);
    }
}
