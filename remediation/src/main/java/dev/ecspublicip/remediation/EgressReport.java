package dev.ecspublicip.remediation;

import java.util.List;

/**
 * The egress pre-flight's verdict.
 *
 * @param passed each subnet that keeps egress, and how (e.g. {@code subnet-1 via NAT gateway nat-1 (rtb-1)})
 * @param problems each subnet that would lose it, with what is missing and each container's loss; empty when all pass
 */
record EgressReport(List<String> passed, List<String> problems) {
    EgressReport {
        passed = List.copyOf(passed);
        problems = List.copyOf(problems);
    }

    boolean ok() {
        return problems.isEmpty();
    }

    String problemSummary() {
        return "Tasks without a public IP could not start as they do now: " + String.join("; ", problems) + ".";
    }
}
