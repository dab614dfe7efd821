package dev.ecspublicip.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A loopback stand-in of AWS Config that holds an inventory (rules, configuration items, this account's
 * evaluation results) and answers the reads a scheduled sweep makes as Config does: pages and their
 * defaults (ListDiscoveredResources 100, GetComplianceDetailsByConfigRule 10), opaque next tokens, no
 * deleted resources and no tags from BatchGetResourceConfig, NoSuchConfigRuleException. Requests are
 * checked against the API model by the base class, and so is every answer built here (against the
 * operation's output shape); items added are checked against {@code ConfigurationItem}.
 *
 * <p>Tests may script BatchGetResourceConfig to leave keys unprocessed ({@link #leaveUnprocessed}).
 */
public final class ConfigInventoryStandIn extends ConfigStandIn {
    private static final Set<String> DELETED = Set.of("ResourceDeleted", "ResourceDeletedNotRecorded");

    private final Object data = new Object();
    private final Map<String, JsonObject> rules = new LinkedHashMap<>();
    private final Map<String, List<JsonObject>> itemsByType = new LinkedHashMap<>();
    private final Map<List<String>, JsonObject> itemsByKey = new HashMap<>();
    private final Map<String, List<JsonObject>> resultsByRule = new LinkedHashMap<>();
    private final Deque<Integer> unprocessed = new ArrayDeque<>();
    private final Set<String> baseItemMembers;
    private final Map<String, Function<Call, Reply>> inventoryAnswers = new HashMap<>();

    public ConfigInventoryStandIn() {
        baseItemMembers = model().members("BaseConfigurationItem");
        inventoryAnswer("DescribeConfigRules", this::describeConfigRules);
        inventoryAnswer("ListDiscoveredResources", this::listDiscoveredResources);
        inventoryAnswer("BatchGetResourceConfig", this::batchGetResourceConfig);
        inventoryAnswer("GetComplianceDetailsByConfigRule", this::complianceDetails);
        inventoryAnswer("GetResourceConfigHistory", this::history);
    }

    /** What the inventory answers to a call, for scripted answers that change the inventory first. */
    public Reply answerFromInventory(Call call) {
        return inventoryAnswers.get(call.operation()).apply(call);
    }

    /**
     * Loads an inventory file: {@code ConfigRules} (as DescribeConfigRules answers), {@code configurationItems}
     * (as GetResourceConfigHistory answers, tags included) and {@code EvaluationResults} (as
     * GetComplianceDetailsByConfigRule answers).
     */
    public static ConfigInventoryStandIn load(Path file) throws IOException {
        JsonObject inventory = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        ConfigInventoryStandIn standIn = new ConfigInventoryStandIn();
        array(inventory, "ConfigRules").forEach(rule -> standIn.rule(rule.getAsJsonObject()));
        array(inventory, "configurationItems").forEach(item -> standIn.item(item.getAsJsonObject()));
        array(inventory, "EvaluationResults").forEach(result -> standIn.evaluationResult(result.getAsJsonObject()));
        return standIn;
    }

    /** A custom Lambda rule scoped to the given types. */
    public ConfigInventoryStandIn rule(String name, List<String> resourceTypes, String inputParameters) {
        JsonObject rule = new JsonObject();
        rule.addProperty("ConfigRuleName", name);
        rule.addProperty("ConfigRuleArn", "arn:aws:config:" + ConfigItems.REGION + ":" + ConfigItems.ACCOUNT
                + ":config-rule/config-rule-" + Integer.toHexString(name.hashCode()));
        JsonObject scope = new JsonObject();
        JsonArray types = new JsonArray();
        resourceTypes.forEach(types::add);
        scope.add("ComplianceResourceTypes", types);
        rule.add("Scope", scope);
        JsonObject source = new JsonObject();
        source.addProperty("Owner", "CUSTOM_LAMBDA");
        source.addProperty("SourceIdentifier", "arn:aws:lambda:" + ConfigItems.REGION + ":" + ConfigItems.ACCOUNT
                + ":function:ecs-public-ip-rule-evaluator");
        rule.add("Source", source);
        if (inputParameters != null) {
            rule.addProperty("InputParameters", inputParameters);
        }
        rule.addProperty("ConfigRuleState", "ACTIVE");
        return rule(rule);
    }

    public ConfigInventoryStandIn rule(JsonObject rule) {
        checkShape("ConfigRule", rule);
        synchronized (data) {
            rules.put(rule.get("ConfigRuleName").getAsString(), rule);
        }
        return this;
    }

    /** Adds (or replaces) a configuration item, in GetResourceConfigHistory's shape with its tags. */
    public ConfigInventoryStandIn item(JsonObject item) {
        checkShape("ConfigurationItem", item);
        String type = item.get("resourceType").getAsString();
        List<String> key = List.of(type, item.get("resourceId").getAsString());
        synchronized (data) {
            List<JsonObject> ofType = itemsByType.computeIfAbsent(type, t -> new ArrayList<>());
            JsonObject previous = itemsByKey.put(key, item);
            if (previous != null) {
                ofType.set(ofType.indexOf(previous), item);
            } else {
                ofType.add(item);
            }
        }
        return this;
    }

    /** An evaluation result this rule holds for a resource, as GetComplianceDetailsByConfigRule lists it. */
    public ConfigInventoryStandIn evaluation(String ruleName, String resourceType, String resourceId,
            String complianceType, Instant orderingTimestamp, Instant recordedTime) {
        JsonObject qualifier = new JsonObject();
        qualifier.addProperty("ConfigRuleName", ruleName);
        qualifier.addProperty("ResourceType", resourceType);
        qualifier.addProperty("ResourceId", resourceId);
        qualifier.addProperty("EvaluationMode", "DETECTIVE");
        JsonObject identifier = new JsonObject();
        identifier.add("EvaluationResultQualifier", qualifier);
        identifier.addProperty("OrderingTimestamp", ConfigItems.epochSeconds(orderingTimestamp));
        JsonObject result = new JsonObject();
        result.add("EvaluationResultIdentifier", identifier);
        result.addProperty("ComplianceType", complianceType);
        result.addProperty("ResultRecordedTime", ConfigItems.epochSeconds(recordedTime));
        result.addProperty("ConfigRuleInvokedTime", ConfigItems.epochSeconds(recordedTime));
        return evaluationResult(result);
    }

    public ConfigInventoryStandIn evaluationResult(JsonObject result) {
        checkShape("EvaluationResult", result);
        String rule = result.getAsJsonObject("EvaluationResultIdentifier").getAsJsonObject("EvaluationResultQualifier")
                .get("ConfigRuleName").getAsString();
        synchronized (data) {
            resultsByRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(result);
        }
        return this;
    }

    /** The next BatchGetResourceConfig calls each leave their last {@code counts[i]} keys unprocessed. */
    public ConfigInventoryStandIn leaveUnprocessed(int... counts) {
        synchronized (data) {
            for (int count : counts) {
                unprocessed.add(count);
            }
        }
        return this;
    }

    private void inventoryAnswer(String operation, Function<JsonObject, Object> answer) {
        Function<Call, Reply> handler = modelCheckedAnswer(answer);
        inventoryAnswers.put(operation, handler);
        on(operation, handler);
    }

    private Object describeConfigRules(JsonObject request) {
        JsonArray found = new JsonArray();
        synchronized (data) {
            if (!request.has("ConfigRuleNames") || request.getAsJsonArray("ConfigRuleNames").isEmpty()) {
                rules.values().forEach(found::add);
            } else {
                for (JsonElement name : request.getAsJsonArray("ConfigRuleNames")) {
                    JsonObject rule = rules.get(name.getAsString());
                    if (rule == null) {
                        return noSuchRule(name.getAsString());
                    }
                    found.add(rule);
                }
            }
        }
        JsonObject body = new JsonObject();
        body.add("ConfigRules", found);
        return body;
    }

    private Object listDiscoveredResources(JsonObject request) {
        String type = request.get("resourceType").getAsString();
        int limit = request.has("limit") && request.get("limit").getAsInt() > 0 ? request.get("limit").getAsInt() : 100;
        boolean includeDeleted = request.has("includeDeletedResources")
                && request.get("includeDeletedResources").getAsBoolean();
        Set<String> ids = null;
        if (request.has("resourceIds")) {
            ids = new java.util.HashSet<>();
            for (JsonElement id : request.getAsJsonArray("resourceIds")) {
                ids.add(id.getAsString());
            }
            if (ids.size() > 20) {
                return Reply.error(400, "ValidationException", "at most 20 resourceIds");
            }
        }
        List<JsonObject> matching = new ArrayList<>();
        synchronized (data) {
            for (JsonObject item : itemsByType.getOrDefault(type, List.of())) {
                boolean deleted = DELETED.contains(item.get("configurationItemStatus").getAsString());
                if ((includeDeleted || !deleted) && (ids == null || ids.contains(item.get("resourceId").getAsString()))) {
                    matching.add(item);
                }
            }
        }
        List<JsonElement> identifiers = new ArrayList<>();
        for (JsonObject item : matching) {
            JsonObject identifier = new JsonObject();
            identifier.add("resourceType", item.get("resourceType"));
            identifier.add("resourceId", item.get("resourceId"));
            identifier.add("resourceName", item.get("resourceName"));
            identifiers.add(identifier);
        }
        return configPage(request, identifiers, limit, "resourceIdentifiers", "nextToken", "ldr/" + type + "/");
    }

    private Object batchGetResourceConfig(JsonObject request) {
        JsonArray keys = request.getAsJsonArray("resourceKeys");
        int leave;
        synchronized (data) {
            leave = unprocessed.isEmpty() ? 0 : Math.min(keys.size(), unprocessed.poll());
        }
        JsonArray items = new JsonArray();
        JsonArray left = new JsonArray();
        for (int i = 0; i < keys.size(); i++) {
            JsonObject key = keys.get(i).getAsJsonObject();
            if (i >= keys.size() - leave) {
                left.add(key);
                continue;
            }
            JsonObject item;
            synchronized (data) {
                item = itemsByKey.get(List.of(key.get("resourceType").getAsString(), key.get("resourceId").getAsString()));
            }
            if (item != null && !DELETED.contains(item.get("configurationItemStatus").getAsString())) {
                items.add(baseItem(item));
            }
        }
        JsonObject body = new JsonObject();
        body.add("baseConfigurationItems", items);
        body.add("unprocessedResourceKeys", left);
        if (left.isEmpty()) {
            // The model allows 1 to 100 keys here, yet Config answers an empty list, which SDKs accept.
            JsonObject checked = body.deepCopy();
            checked.remove("unprocessedResourceKeys");
            model().validateOutput("BatchGetResourceConfig", checked).forEach(this::violation);
            return Reply.ok(body);
        }
        return body;
    }

    /** The item as BatchGetResourceConfig returns it: BaseConfigurationItem's members only, so no tags. */
    private JsonObject baseItem(JsonObject item) {
        JsonObject base = new JsonObject();
        for (Map.Entry<String, JsonElement> member : item.entrySet()) {
            if (baseItemMembers.contains(member.getKey())) {
                base.add(member.getKey(), member.getValue());
            }
        }
        return base;
    }

    private Object complianceDetails(JsonObject request) {
        String rule = request.get("ConfigRuleName").getAsString();
        int limit = request.has("Limit") && request.get("Limit").getAsInt() > 0 ? request.get("Limit").getAsInt() : 10;
        Set<String> types = new java.util.HashSet<>();
        if (request.has("ComplianceTypes")) {
            request.getAsJsonArray("ComplianceTypes").forEach(type -> types.add(type.getAsString()));
        }
        List<JsonElement> matching = new ArrayList<>();
        synchronized (data) {
            if (!rules.containsKey(rule)) {
                return noSuchRule(rule);
            }
            for (JsonObject result : resultsByRule.getOrDefault(rule, List.of())) {
                if (types.isEmpty() || types.contains(result.get("ComplianceType").getAsString())) {
                    matching.add(result);
                }
            }
        }
        return configPage(request, matching, limit, "EvaluationResults", "NextToken", "gcd/" + rule + "/");
    }

    private Object history(JsonObject request) {
        JsonObject item;
        synchronized (data) {
            item = itemsByKey.get(List.of(request.get("resourceType").getAsString(), request.get("resourceId").getAsString()));
        }
        if (item == null) {
            return Reply.error(400, "ResourceNotDiscoveredException", "Resource is not discovered");
        }
        JsonArray items = new JsonArray();
        BigDecimal captured = item.get("configurationItemCaptureTime").getAsBigDecimal();
        if (!request.has("laterTime") || captured.compareTo(request.get("laterTime").getAsBigDecimal()) <= 0) {
            items.add(item);
        }
        JsonObject body = new JsonObject();
        body.add("configurationItems", items);
        return body;
    }

    private static Reply noSuchRule(String name) {
        return Reply.error(400, "NoSuchConfigRuleException", "The ConfigRule '" + name + "' provided in the request is invalid.");
    }

    /** One page of {@code all}, as Config pages: {@code tokenMember} names the next page, absent on the last. */
    private static Object configPage(JsonObject request, List<JsonElement> all, int limit, String resultMember,
            String tokenMember, String tokenPrefix) {
        Integer start = offset(request, tokenMember, tokenPrefix);
        if (start == null) {
            return Reply.error(400, "InvalidNextTokenException", "The nextToken provided is invalid");
        }
        return page(all, start, limit, resultMember, tokenMember, tokenPrefix);
    }

    /** The offset a next token of ours stands for: 0 without one, null for a token we did not issue. */
    private static Integer offset(JsonObject request, String member, String prefix) {
        if (!request.has(member)) {
            return 0;
        }
        String token = request.get(member).getAsString();
        if (!token.startsWith(prefix)) {
            return null;
        }
        try {
            return Integer.parseInt(token.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void checkShape(String shape, JsonObject value) {
        List<String> problems = model().validateShape(shape, value, shape);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a " + shape + " as Config's API returns it: " + problems);
        }
    }

    private static JsonArray array(JsonObject object, String member) {
        return object.has(member) ? object.getAsJsonArray(member) : new JsonArray();
    }
}
