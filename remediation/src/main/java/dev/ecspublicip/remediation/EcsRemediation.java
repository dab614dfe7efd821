package dev.ecspublicip.remediation;

import dev.ecspublicip.ecs.TaskExposureReader;
import dev.ecspublicip.resource.EcsArn;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.RunningTask;
import dev.ecspublicip.resource.TaskInterface;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Task;

/** What the service and task-set remediations share: reading the live service, the rule, the egress gate. */
abstract class EcsRemediation {
    static final String ACTIVE = "ACTIVE";
    static final String CODE_DEPLOY_GUIDANCE = "Its networking changes only through a new CodeDeploy deployment:"
            + " deploy with an AppSpec whose AwsvpcConfiguration sets AssignPublicIp DISABLED.";

    /** The rule without exemptions: whoever asks for a remediation wants it even on an exempt resource. */
    static final Rules RULE = Rules.of(RuleParameters.NONE);

    final EcsClient ecs;
    final EgressCheck egress;
    final TaskExposureReader tasks;
    final Run run;

    EcsRemediation(EcsClient ecs, EgressCheck egress, TaskExposureReader tasks, Run run) {
        this.ecs = ecs;
        this.egress = egress;
        this.tasks = tasks;
        this.run = run;
    }

    /**
     * The running tasks of the service as {@code scan --tasks} reads them: ListTasks by service name,
     * DescribeTasks 100 at a time, their network interfaces and IPv6 routes.
     */
    List<RunningTask> runningTasks(Service service) {
        List<String> arns = tasks.runningTaskArns(service.clusterArn(), Optional.of(service.serviceName()));
        List<RunningTask> running = new ArrayList<>();
        for (int start = 0; start < arns.size(); start += TaskExposureReader.DESCRIBE_TASKS_MAX) {
            List<Task> described = tasks.describe(
                    service.clusterArn(),
                    arns.subList(start, Math.min(arns.size(), start + TaskExposureReader.DESCRIBE_TASKS_MAX)));
            Map<String, TaskInterface> interfaces = tasks.interfaces(described);
            for (Task task : described) {
                running.add(TaskExposureReader.of(task, interfaces, Optional.of(service)));
            }
        }
        return running;
    }

    /** The tasks holding a public address, as the rule (without exemptions) judges them, each with its finding. */
    static List<String> exposed(List<RunningTask> running) {
        List<String> findings = new ArrayList<>();
        for (RunningTask task : running) {
            Verdict verdict = RULE.judge(task);
            if (verdict.compliance() == Compliance.NON_COMPLIANT) {
                findings.add(task.taskArn() + ": " + verdict.annotation());
            }
        }
        return findings;
    }

    abstract RemediationResult remediate(EcsTarget target);

    /** The live service; when ECS does not describe it, the refusal that says so. */
    Lookup<Service> service(EcsTarget target) {
        DescribeServicesResponse response;
        try {
            response = ecs.describeServices(request ->
                    request.cluster(target.cluster()).services(target.service()).include(ServiceField.TAGS));
        } catch (ClusterNotFoundException e) {
            return Lookup.stop(run.finish(Outcome.REFUSED, "ECS has no cluster '" + target.cluster() + "'."));
        }
        if (!response.hasServices() || response.services().isEmpty()) {
            String why = response.failures().stream()
                    .map(Failure::reason)
                    .findFirst()
                    .orElse("not found");
            return Lookup.stop(run.finish(
                    Outcome.REFUSED,
                    "ECS does not describe " + target.describe() + " (" + why + "); there is nothing to change."));
        }
        Service service = response.services().get(0);
        if (!ACTIVE.equals(service.status())) {
            run.resource(service.serviceArn());
            return Lookup.stop(run.finish(
                    Outcome.REFUSED,
                    "Service " + service.serviceArn() + " is " + service.status()
                            + "; only an ACTIVE service can be changed."));
        }
        return Lookup.found(service);
    }

    static DeploymentControllerType controller(Service service) {
        // ECS is the default when a service names no deployment controller.
        return service.deploymentController() == null
                ? DeploymentControllerType.ECS
                : service.deploymentController().type();
    }

    /** ALREADY_COMPLIANT or NOT_APPLICABLE by the rule itself; empty when the resource needs remediating. */
    Optional<RemediationResult> settledByRule(EcsResource live) {
        Verdict verdict = RULE.judge(live);
        return switch (verdict.compliance()) {
            case COMPLIANT ->
                Optional.of(run.finish(Outcome.ALREADY_COMPLIANT, verdict.annotation() + " Nothing was changed."));
            case NOT_APPLICABLE -> Optional.of(run.finish(Outcome.NOT_APPLICABLE, verdict.annotation()));
            case NON_COMPLIANT -> Optional.empty();
        };
    }

    /**
     * The egress pre-flight, judged on what the task definition needs (DescribeTaskDefinition). Its refusal
     * when the subnets would lose egress (unless the caller allowed the loss); otherwise empty, with how egress is kept
     * noted for the final reason.
     */
    Optional<RemediationResult> egressRefusal(List<String> subnets, String resourceArn, String taskDefinition) {
        String region = region(resourceArn);
        TaskNeeds needs = TaskNeeds.of(
                ecs.describeTaskDefinition(request -> request.taskDefinition(taskDefinition))
                        .taskDefinition(),
                region);
        EgressReport report = egress.check(subnets, region, needs);
        if (report.ok()) {
            run.note("Egress without public IPs: " + String.join("; ", report.passed()) + ".");
            return Optional.empty();
        }
        if (run.allowEgressLoss()) {
            run.note(run.names().isOn(RemediationRequest.ALLOW_EGRESS_LOSS) + ", so this went ahead although: "
                    + report.problemSummary());
            return Optional.empty();
        }
        return Optional.of(run.finish(
                Outcome.REFUSED,
                report.problemSummary()
                        + " Add a NAT gateway (or NAT instance or transit gateway) default route, or the VPC endpoints,"
                        + " or rerun with " + run.names().turnOn(RemediationRequest.ALLOW_EGRESS_LOSS)
                        + " to accept the loss."));
    }

    /** The region of an ECS ARN ({@code arn:PARTITION:ecs:REGION:ACCOUNT:...}). */
    static String region(String arn) {
        return EcsArn.parse(arn)
                .orElseThrow(() -> new IllegalStateException(
                        "ECS returned '" + arn + "', which is not an ECS service or task-set ARN"))
                .location()
                .region();
    }

    /** A value read from ECS, or the result that ends the run because it could not be read or used. */
    record Lookup<T>(Optional<T> value, Optional<RemediationResult> stop) {
        static <T> Lookup<T> found(T value) {
            return new Lookup<>(Optional.of(value), Optional.empty());
        }

        static <T> Lookup<T> stop(RemediationResult result) {
            return new Lookup<>(Optional.empty(), Optional.of(result));
        }
    }
}
