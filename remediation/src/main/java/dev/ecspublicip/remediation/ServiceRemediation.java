package dev.ecspublicip.remediation;

import dev.ecspublicip.ecs.EcsApiResources;
import dev.ecspublicip.ecs.TaskExposureReader;
import dev.ecspublicip.resource.AwsvpcNetwork;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Verdict;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * A service with the ECS deployment controller: one UpdateService that keeps its subnets and security
 * groups and sets {@code assignPublicIp} DISABLED, nothing else. ECS then rolls out new tasks; the
 * remediation is REMEDIATED only once that rollout COMPLETED and no running task of the service holds a
 * public address ({@link ServiceRollout}), IN_PROGRESS until then. A service ECS rolled back to public
 * after such a change is refused with the failed deployment's reason, not changed again.
 */
final class ServiceRemediation extends EcsRemediation {
    private final Clock clock;

    ServiceRemediation(EcsClient ecs, EgressCheck egress, TaskExposureReader tasks, Run run, Clock clock) {
        super(ecs, egress, tasks, run);
        this.clock = clock;
    }

    @Override
    RemediationResult remediate(EcsTarget target) {
        Lookup<Service> lookup = service(target);
        if (lookup.stop().isPresent()) {
            return lookup.stop().get();
        }
        Service service = lookup.value().orElseThrow();
        String arn = service.serviceArn();
        run.resource(arn);
        DeploymentControllerType controller = controller(service);
        if (controller == DeploymentControllerType.EXTERNAL) {
            return run.finish(
                    Outcome.NOT_APPLICABLE,
                    "Service " + arn + " uses the EXTERNAL deployment"
                            + " controller: its task sets carry the networking; remediate them (AWS::ECS::TaskSet).");
        }
        EcsResource live = EcsApiResources.of(service);
        Verdict verdict = RULE.judge(live);
        if (verdict.compliance() == Compliance.NOT_APPLICABLE) {
            return run.finish(Outcome.NOT_APPLICABLE, verdict.annotation());
        }
        if (verdict.compliance() == Compliance.COMPLIANT) {
            return rollout(service, "");
        }
        Optional<ServiceRollout> rolledBack = ServiceRollout.rolledBack(service);
        if (rolledBack.isPresent()) {
            return run.finish(rolledBack.get().outcome(), rolledBack.get().reason());
        }
        if (controller == DeploymentControllerType.CODE_DEPLOY) {
            return run.finish(
                    Outcome.REFUSED,
                    "Service " + arn + " uses the CODE_DEPLOY deployment controller. " + CODE_DEPLOY_GUIDANCE);
        }
        if (controller != DeploymentControllerType.ECS) {
            return run.finish(
                    Outcome.REFUSED,
                    "Service " + arn + " uses the deployment controller "
                            + service.deploymentController().typeAsString()
                            + ", which this remediation does not know.");
        }
        AwsvpcNetwork network = live.awsvpc().orElseThrow();
        Optional<RemediationResult> refusal = egressRefusal(network.subnets(), arn, service.taskDefinition());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        Action update = new Action(
                "ecs:UpdateService",
                arn,
                "networkConfiguration.awsvpcConfiguration:"
                        + " assignPublicIp " + network.assignPublicIp().orElse("") + " -> DISABLED; subnets "
                        + network.subnets() + " and security groups " + network.securityGroups()
                        + " unchanged; nothing else is changed");
        if (run.dryRun()) {
            return run.plan(List.of(update), "A real run would make this call.");
        }
        if (!run.hasTimeForChanges()) {
            return run.outOfTime();
        }
        Service updated = ecs.updateService(request -> request.cluster(service.clusterArn())
                        .service(arn)
                        .networkConfiguration(configuration -> configuration.awsvpcConfiguration(awsvpc -> {
                            awsvpc.subnets(network.subnets()).assignPublicIp(AssignPublicIp.DISABLED);
                            if (!network.securityGroups().isEmpty()) {
                                awsvpc.securityGroups(network.securityGroups());
                            }
                        })))
                .service();
        run.done(update);
        return rollout(
                updated,
                "Set assignPublicIp DISABLED on service " + arn
                        + "; ECS starts a deployment that replaces its tasks with ones without public IPs. ");
    }

    /** Whether the fix took: the deployments, then every running task of the service and its addresses. */
    private RemediationResult rollout(Service service, String done) {
        ServiceRollout rollout = ServiceRollout.of(service, runningTasks(service), clock.instant());
        return run.finish(rollout.outcome(), done + rollout.reason());
    }
}
