package dev.ecspublicip.bench;

import dev.ecspublicip.testing.config.ConfigInventoryStandIn;
import dev.ecspublicip.testing.config.ConfigItems;
import dev.ecspublicip.testing.config.ConfigItems.Network;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's account: {@code resources} ECS resources in Config's inventory (four services to every
 * task set, one in ten assigning public IPs, a few exempt by tag), evaluations already held for most of
 * them, and evaluations of {@code stale} resources that are gone.
 */
record BenchInventory(int services, int taskSets, int priorEvaluations, int stale) {
    static final String RULE = "ecs-public-ip-bench";
    static final Instant CAPTURED = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant NOTIFIED = Instant.parse("2026-11-20T14:03:31.002Z");

    static BenchInventory of(int resources, int stale) {
        int taskSets = resources / 5;
        int services = resources - taskSets;
        return new BenchInventory(services, taskSets, resources - resources / 20, stale);
    }

    int resources() {
        return services + taskSets;
    }

    void load(ConfigInventoryStandIn config) {
        config.rule(
                RULE,
                List.of("AWS::ECS::Service", "AWS::ECS::TaskSet"),
                "{\"exemptEcsServiceArns\": \"\", \"exemptionTagKey\": \"\"}");
        Instant yesterday = NOTIFIED.minusSeconds(86_400);
        int evaluated = 0;
        for (int i = 0; i < services; i++) {
            String cluster = "cluster-" + (i % 20);
            var item = ConfigItems.service(cluster, "svc-" + i, network(i), tags(i), CAPTURED);
            config.item(item);
            if (evaluated++ < priorEvaluations) {
                config.evaluation(
                        RULE,
                        "AWS::ECS::Service",
                        item.get("resourceId").getAsString(),
                        i % 10 == 0 ? "NON_COMPLIANT" : "COMPLIANT",
                        yesterday,
                        yesterday);
            }
        }
        for (int i = 0; i < taskSets; i++) {
            String cluster = "cluster-" + (i % 20);
            var item = ConfigItems.taskSet(
                    cluster,
                    "svc-" + i,
                    "ecs-svc/" + (4_100_000_000_000_000_000L + i),
                    network(i + 3),
                    tags(i),
                    CAPTURED);
            config.item(item);
            if (evaluated++ < priorEvaluations) {
                config.evaluation(
                        RULE,
                        "AWS::ECS::TaskSet",
                        item.get("resourceId").getAsString(),
                        "COMPLIANT",
                        yesterday,
                        yesterday);
            }
        }
        for (int i = 0; i < stale; i++) {
            config.evaluation(
                    RULE,
                    "AWS::ECS::Service",
                    ConfigItems.serviceArn("gone", "svc-" + i) + "|gone",
                    "NON_COMPLIANT",
                    yesterday,
                    yesterday);
        }
    }

    /** The fewest calls the API limits allow for this inventory: one rule lookup, pages and batches of 100. */
    Map<String, Integer> minimumCalls() {
        return Map.of(
                "DescribeConfigRules", 1,
                "ListDiscoveredResources", pages(services) + pages(taskSets),
                "GetComplianceDetailsByConfigRule", pages(priorEvaluations + stale),
                "BatchGetResourceConfig", pages(resources()),
                "PutEvaluations", pages(resources() + stale));
    }

    /**
     * The calls that must follow one another however much runs at once: the rule lookup, the listing pages
     * of the type with the most, and a last put. Times the latency, the floor no sweep can beat.
     */
    int floorCalls() {
        return Math.max(pages(services), pages(taskSets)) + 2;
    }

    private static int pages(int items) {
        return Math.max(1, (items + 99) / 100);
    }

    private static Network network(int i) {
        return i % 10 == 0 ? Network.ENABLED : i % 10 == 5 ? Network.UNSET : Network.DISABLED;
    }

    private static Map<String, String> tags(int i) {
        return i % 50 == 0 ? Map.of("team", "edge", "public-ip-exemption", "SEC-" + i) : Map.of("team", "core");
    }
}
