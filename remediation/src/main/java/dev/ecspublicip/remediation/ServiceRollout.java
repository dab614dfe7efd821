package dev.ecspublicip.remediation;

import dev.ecspublicip.resource.RunningTask;
import dev.ecspublicip.resource.TaskDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Whether the fix of a service took, decided from one reading of ECS alone (no I/O; the time is given):
 * the service's deployments as DescribeServices (or UpdateService) reported them, and its running tasks
 * with their addresses. The fix took when the PRIMARY deployment's rollout is COMPLETED and no running
 * task holds a public address.
 */
record ServiceRollout(Outcome outcome, String reason) {
    /** How long after its PRIMARY deployment started a service may still run tasks with public addresses. */
    static final Duration MAX_WAIT = Duration.ofMinutes(60);

    static final String PRIMARY = "PRIMARY";

    /**
     * The rollout of a service whose network configuration no longer assigns public IPs.
     *
     * @param running every running task of the service, as read after the deployments
     */
    static ServiceRollout of(Service service, List<RunningTask> running, Instant now) {
        String arn = service.serviceArn();
        Optional<Deployment> primary = primary(service);
        List<String> exposed = EcsRemediation.exposed(running);
        List<String> exposedPrimary = EcsRemediation.exposed(running.stream()
                .filter(t -> t.deployment().role() == TaskDeployment.Role.PRIMARY)
                .toList());
        if (!exposedPrimary.isEmpty()) {
            // assignPublicIp is DISABLED for these tasks already: what exposes them (an Elastic IP, IPv6
            // behind an internet gateway) is not something waiting or UpdateService removes.
            return new ServiceRollout(
                    Outcome.REFUSED,
                    "Tasks of the PRIMARY deployment of service " + arn + " hold public addresses although it"
                            + " does not assign public IPs, so this remediation cannot remove them: "
                            + summary(exposedPrimary));
        }
        if (primary.isPresent() && primary.get().rolloutState() == DeploymentRolloutState.FAILED) {
            return new ServiceRollout(
                    Outcome.REFUSED,
                    "The PRIMARY deployment " + primary.get().id() + " of service " + arn + " FAILED ("
                            + reason(primary.get())
                            + "). Find out why its tasks fail, then run the remediation again.");
        }
        String rollout = primary.map(d -> "deployment " + d.id() + " has rolloutState "
                        + Optional.ofNullable(d.rolloutStateAsString()).orElse("(none)"))
                .orElse("ECS lists no PRIMARY deployment");
        if (primary.isEmpty() && exposed.isEmpty()) {
            return new ServiceRollout(
                    Outcome.ALREADY_COMPLIANT,
                    "Service " + arn + " does not assign public IPs and none of its " + running.size()
                            + " running task(s) holds a public address (ECS lists no deployment). Nothing was changed.");
        }
        boolean completed = primary.filter(d -> d.rolloutState() == DeploymentRolloutState.COMPLETED)
                .isPresent();
        if (completed && exposed.isEmpty()) {
            Duration age = primary.get().createdAt() == null
                    ? MAX_WAIT.plusSeconds(1)
                    : Duration.between(primary.get().createdAt(), now);
            String done = "Service " + arn + " does not assign public IPs, its PRIMARY " + rollout
                    + ", and none of its " + running.size() + " running task(s) holds a public address.";
            // A deployment that started within the wait is the one a remediation run is waiting for.
            return age.compareTo(MAX_WAIT.multipliedBy(2)) <= 0
                    ? new ServiceRollout(Outcome.REMEDIATED, done)
                    : new ServiceRollout(Outcome.ALREADY_COMPLIANT, done + " Nothing was changed.");
        }
        String still = exposed.isEmpty()
                ? ""
                : " " + exposed.size() + " task(s) of older deployments still hold public addresses: "
                        + summary(exposed);
        Duration waited = primary.map(Deployment::createdAt)
                .map(started -> Duration.between(started, now))
                .orElse(Duration.ZERO);
        if (waited.compareTo(MAX_WAIT) > 0) {
            return new ServiceRollout(
                    Outcome.REFUSED,
                    "Service " + arn + " is still not done " + waited.toMinutes() + " minutes after its deployment"
                            + " started: " + rollout + "." + still + " Find out why, then run the remediation again.");
        }
        return new ServiceRollout(
                Outcome.IN_PROGRESS,
                "Waiting for service " + arn + ": " + rollout + "." + still + " Invoke again to continue.");
    }

    /**
     * The refusal when the service is public again because ECS rolled back the deployment that made it
     * private: a deployment it still lists that set assignPublicIp DISABLED and FAILED. Empty otherwise.
     */
    static Optional<ServiceRollout> rolledBack(Service service) {
        for (Deployment deployment : service.deployments()) {
            if (!PRIMARY.equals(deployment.status())
                    && deployment.rolloutState() == DeploymentRolloutState.FAILED
                    && deployment.networkConfiguration() != null
                    && deployment.networkConfiguration().awsvpcConfiguration() != null
                    && deployment.networkConfiguration().awsvpcConfiguration().assignPublicIp()
                            == AssignPublicIp.DISABLED) {
                String back =
                        primary(service).map(p -> " to deployment " + p.id()).orElse("");
                return Optional.of(new ServiceRollout(
                        Outcome.REFUSED,
                        "ECS rolled back deployment " + deployment.id() + " of service " + service.serviceArn()
                                + ", which set assignPublicIp DISABLED" + back + ": it FAILED (" + reason(deployment)
                                + "), and the service assigns public IPs again. Nothing was changed; fix why the"
                                + " new tasks fail (e.g. they cannot pull their images without a public IP), then"
                                + " run the remediation again."));
            }
        }
        return Optional.empty();
    }

    static Optional<Deployment> primary(Service service) {
        return service.deployments().stream()
                .filter(d -> PRIMARY.equals(d.status()))
                .findFirst();
    }

    private static String reason(Deployment deployment) {
        return deployment.rolloutStateReason() == null
                ? "no rolloutStateReason given"
                : deployment.rolloutStateReason();
    }

    /** The first few findings; the count says how many there are. */
    private static String summary(List<String> findings) {
        String shown = String.join(" | ", findings.subList(0, Math.min(3, findings.size())));
        return findings.size() > 3 ? shown + " | and " + (findings.size() - 3) + " more." : shown;
    }
}
