package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.Compliance;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), as GitHub code scanning
 * and GitLab read it: one run, three rules (services, Security Hub ECS.2; task sets, ECS.16; the rules,
 * schedules, pipes, state machines and job definitions that launch tasks) with help text,
 * and one result per NON_COMPLIANT resource located at its file and the line that names it.
 */
final class SarifReport {
    static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String SERVICE_RULE = "ecs-service-assigns-public-ip";
    static final String TASK_SET_RULE = "ecs-task-set-assigns-public-ip";
    static final String LAUNCHER_RULE = "ecs-task-launcher-assigns-public-ip";
    /** The rules in the order the report lists them: a result's {@code ruleIndex} is its rule's place here. */
    private static final List<String> RULES = List.of(SERVICE_RULE, TASK_SET_RULE, LAUNCHER_RULE);

    private SarifReport() {}

    static void write(List<CheckedResource> results, Appendable out) throws IOException {
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "ecs-public-ip-rule check");
        String version = SarifReport.class.getPackage().getImplementationVersion();
        if (version != null) {
            driver.addProperty("version", version);
        }
        JsonArray rules = new JsonArray();
        rules.add(rule(
                SERVICE_RULE,
                "ECS service assigns public IP addresses",
                "An ECS service whose awsvpc network configuration sets AssignPublicIp to ENABLED (or to a value"
                        + " known only at deployment) gives its tasks public IP addresses (Security Hub ECS.2).",
                "Set AssignPublicIp to DISABLED (ECS's default) and reach the internet through a NAT gateway or"
                        + " VPC endpoints; or exempt the service with the rule's exemption tag or ARN list."));
        rules.add(rule(
                TASK_SET_RULE,
                "ECS task set assigns public IP addresses",
                "An ECS task set whose awsvpc network configuration sets AssignPublicIp to ENABLED (or to a value"
                        + " known only at deployment) gives its tasks public IP addresses (Security Hub ECS.16).",
                "Set AssignPublicIp to DISABLED (ECS's default) and reach the internet through a NAT gateway or"
                        + " VPC endpoints; or exempt its service with the rule's exemption tag or ARN list."));
        rules.add(rule(
                LAUNCHER_RULE,
                "ECS task launcher assigns public IP addresses",
                "An EventBridge rule target, EventBridge Scheduler schedule, EventBridge Pipes pipe, Step Functions"
                        + " ecs:runTask state or AWS Batch job definition that runs ECS tasks with AssignPublicIp ENABLED"
                        + " (or a value known only at deployment) gives those tasks public IP addresses.",
                "Set AssignPublicIp to DISABLED in its awsvpc network configuration (for Batch, assignPublicIp in"
                        + " networkConfiguration); or exempt the launcher with the rule's exemption tag or"
                        + " exemptLauncherArns."));
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);

        JsonArray found = new JsonArray();
        for (CheckedResource result : results) {
            if (result.verdict().compliance() == Compliance.NON_COMPLIANT) {
                found.add(result(result));
            }
        }
        JsonObject run = new JsonObject();
        run.add("tool", tool);
        run.add("results", found);
        JsonArray runs = new JsonArray();
        runs.add(run);
        JsonObject log = new JsonObject();
        log.addProperty("$schema", SCHEMA);
        log.addProperty("version", "2.1.0");
        log.add("runs", runs);
        out.append(log.toString()).append('\n');
    }

    private static JsonObject rule(String id, String name, String description, String help) {
        JsonObject rule = new JsonObject();
        rule.addProperty("id", id);
        rule.add("shortDescription", message(name));
        rule.add("fullDescription", message(description));
        rule.add("help", message(description + " " + help));
        JsonObject configuration = new JsonObject();
        configuration.addProperty("level", "error");
        rule.add("defaultConfiguration", configuration);
        return rule;
    }

    private static JsonObject result(CheckedResource resource) {
        JsonObject result = new JsonObject();
        String rule = ruleOf(resource);
        result.addProperty("ruleId", rule);
        result.addProperty("ruleIndex", RULES.indexOf(rule));
        result.addProperty("level", "error");
        result.add(
                "message",
                message(resource.resource() + ": " + resource.verdict().annotation()));
        JsonObject artifact = new JsonObject();
        artifact.addProperty("uri", uri(resource.file()));
        JsonObject physical = new JsonObject();
        physical.add("artifactLocation", artifact);
        JsonObject region = new JsonObject();
        region.addProperty("startLine", Math.max(1, resource.line()));
        physical.add("region", region);
        JsonObject logical = new JsonObject();
        logical.addProperty("name", resource.resource());
        logical.addProperty("kind", "resource");
        JsonArray logicals = new JsonArray();
        logicals.add(logical);
        JsonObject location = new JsonObject();
        location.add("physicalLocation", physical);
        location.add("logicalLocations", logicals);
        JsonArray locations = new JsonArray();
        locations.add(location);
        result.add("locations", locations);
        return result;
    }

    static String ruleOf(CheckedResource resource) {
        if (ResourceKind.ofConfigType(resource.complianceResourceType()).isLauncher()) {
            return LAUNCHER_RULE;
        }
        return resource.isTaskSet() ? TASK_SET_RULE : SERVICE_RULE;
    }

    private static JsonObject message(String text) {
        JsonObject message = new JsonObject();
        message.addProperty("text", text);
        return message;
    }

    /** The file as a relative URI reference with forward slashes, as code scanning matches it to the repository. */
    static String uri(String file) {
        String path = file.replace('\\', '/');
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            return path;
        }
    }
}
