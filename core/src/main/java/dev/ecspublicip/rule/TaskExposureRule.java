package dev.ecspublicip.rule;

import dev.ecspublicip.resource.RunningTask;
import dev.ecspublicip.resource.TaskInterface;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for running tasks: no task may hold an address reachable from the internet, whatever its
 * service declares. Exposed is a public IPv4 address on an interface ({@code Association.PublicIp}), or a
 * global IPv6 address in a subnet whose route table sends {@code ::/0} to an internet gateway. The same
 * exemptions as for services: the task's service listed, or the task tagged with the exemption key.
 *
 * <p>Pure: no I/O, no clock. {@link Rules} is the one place it is built.
 */
final class TaskExposureRule {
    private final Exemptions exemptions;

    TaskExposureRule(RuleParameters parameters) {
        this.exemptions = new Exemptions(parameters);
    }

    /** The verdict on {@code day}; with no day known, an exemption tag with an expiry exempts nothing. */
    Verdict judge(RunningTask task, Optional<LocalDate> day) {
        List<String> exposed = exposedAddresses(task);
        if (exposed.isEmpty()) {
            return new Verdict(
                    Compliance.COMPLIANT,
                    "Task " + task.taskArn() + " holds no public IPv4 address and no internet-routed IPv6 address.");
        }
        String finding = "Holds " + String.join("; ", exposed) + ". Group " + task.group() + ", startedBy "
                + task.startedBy().orElse("(none)") + ", " + task.deployment().describe() + ".";
        return exemptions.of(task, day).verdict(finding);
    }

    /** Each exposed address with the interface that holds it, e.g. {@code public IPv4 203.0.113.7 on eni-1}. */
    static List<String> exposedAddresses(RunningTask task) {
        List<String> exposed = new ArrayList<>();
        for (TaskInterface eni : task.interfaces()) {
            eni.publicIpv4().ifPresent(ip -> exposed.add("public IPv4 " + ip + " on " + eni.networkInterfaceId()));
            if (eni.ipv6InternetRoute().isPresent()) {
                for (String address : eni.ipv6Addresses()) {
                    if (isGlobal(address)) {
                        exposed.add("IPv6 " + address + " on " + eni.networkInterfaceId() + " ("
                                + eni.ipv6InternetRoute().get() + ")");
                    }
                }
            }
        }
        return exposed;
    }

    /** Not link-local (fe80::/10) and not unique-local (fc00::/7): every other unicast address routes globally. */
    static boolean isGlobal(String ipv6) {
        String lower = ipv6.toLowerCase(Locale.ROOT);
        return !(lower.startsWith("fe8")
                || lower.startsWith("fe9")
                || lower.startsWith("fea")
                || lower.startsWith("feb")
                || lower.startsWith("fc")
                || lower.startsWith("fd")
                || lower.equals("::1"));
    }
}
