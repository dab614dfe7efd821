package dev.ecspublicip.scan;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.ecs.EcsApiResources;
import dev.ecspublicip.resource.EcsResource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.TaskSetField;

/**
 * Reads ECS directly, read-only: the clusters (ListClusters, or the ones asked for), their services
 * (ListServices, then DescribeServices 10 at a time, with tags), and the task sets of services whose
 * deployment controller is EXTERNAL (DescribeTaskSets, with tags); a CODE_DEPLOY service's task sets are the
 * ones DescribeServices returns with it ({@code taskSets}, without tags). Needs no AWS Config.
 */
public final class EcsScanner {
    /** DescribeServices takes at most 10 services per call. */
    static final int DESCRIBE_SERVICES_MAX = 10;
    /** ListClusters' and ListServices' largest page (ListServices' default is 10). */
    static final int PAGE_SIZE = 100;

    /** Told as the scan goes, for progress reports. */
    public interface Progress {
        void described(String cluster, int clusterIndex, int clusterCount, int services, int taskSets);
    }

    private final EcsClient ecs;

    public EcsScanner(EcsClient ecs) {
        this.ecs = ecs;
    }

    /**
     * Hands every service and task set found to {@code onResource}, cluster by cluster.
     *
     * @param clusters names or ARNs; empty means every cluster in the region
     * @throws BadInputException when a cluster asked for does not exist (nothing is handed on then)
     * @throws IllegalStateException when ECS cannot describe a service or task set that exists, so nothing
     *     is silently left out of a clean result
     */
    public void scan(List<String> clusters, Consumer<EcsResource> onResource, Progress progress) {
        List<String> targets = clusters.isEmpty() ? allClusters() : clusters;
        // Every cluster's services are listed before anything is handed on, so a cluster named by mistake
        // fails the scan before any result is out.
        List<List<String>> listed = new ArrayList<>();
        for (String cluster : targets) {
            listed.add(serviceArns(cluster));
        }
        int services = 0;
        int taskSets = 0;
        for (int index = 0; index < targets.size(); index++) {
            String cluster = targets.get(index);
            List<String> serviceArns = listed.get(index);
            for (int start = 0; start < serviceArns.size(); start += DESCRIBE_SERVICES_MAX) {
                List<String> chunk =
                        serviceArns.subList(start, Math.min(serviceArns.size(), start + DESCRIBE_SERVICES_MAX));
                DescribeServicesResponse described = ecs.describeServices(
                        request -> request.cluster(cluster).services(chunk).include(ServiceField.TAGS));
                requireNoFailures(described.failures(), "DescribeServices in cluster '" + cluster + "'");
                for (Service service : described.services()) {
                    onResource.accept(EcsApiResources.of(service));
                    services++;
                    if (service.deploymentController() != null
                            && service.deploymentController().type() == DeploymentControllerType.EXTERNAL) {
                        taskSets += describeTaskSets(cluster, service, onResource);
                    } else if (service.deploymentController() != null
                            && service.deploymentController().type() == DeploymentControllerType.CODE_DEPLOY) {
                        service.taskSets().forEach(taskSet -> onResource.accept(EcsApiResources.of(taskSet)));
                        taskSets += service.taskSets().size();
                    }
                }
                progress.described(cluster, index + 1, targets.size(), services, taskSets);
            }
        }
    }

    private List<String> serviceArns(String cluster) {
        List<String> arns = new ArrayList<>();
        try {
            ecs.listServicesPaginator(request -> request.cluster(cluster).maxResults(PAGE_SIZE))
                    .serviceArns()
                    .forEach(arns::add);
        } catch (ClusterNotFoundException e) {
            throw new BadInputException(
                    "--cluster",
                    ErrorLine.quote(cluster) + " is not an ECS cluster in this account and" + " region (ECS: "
                            + e.awsErrorDetails().errorMessage() + ")");
        }
        return arns;
    }

    private List<String> allClusters() {
        List<String> clusters = new ArrayList<>();
        ecs.listClustersPaginator(request -> request.maxResults(PAGE_SIZE))
                .clusterArns()
                .forEach(clusters::add);
        return clusters;
    }

    private int describeTaskSets(String cluster, Service service, Consumer<EcsResource> onResource) {
        DescribeTaskSetsResponse described = ecs.describeTaskSets(request ->
                request.cluster(cluster).service(service.serviceArn()).include(TaskSetField.TAGS));
        requireNoFailures(described.failures(), "DescribeTaskSets of service '" + service.serviceArn() + "'");
        described.taskSets().forEach(taskSet -> onResource.accept(EcsApiResources.of(taskSet)));
        return described.taskSets().size();
    }

    /** MISSING means deleted since it was listed; any other failure means a resource went unread. */
    private static void requireNoFailures(List<Failure> failures, String call) {
        for (Failure failure : failures) {
            if (!"MISSING".equals(failure.reason())) {
                throw new IllegalStateException(call + " could not read " + failure.arn() + ": " + failure.reason()
                        + (failure.detail() == null ? "" : " (" + failure.detail() + ")"));
            }
        }
    }
}
