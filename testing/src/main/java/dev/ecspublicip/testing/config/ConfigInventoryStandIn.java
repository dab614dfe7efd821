package dev.ecspublicip.testing.config;

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
 * deleted resources and no tags from BatchGetResourceConfig, GetComplianceDetailsByConfigRule's ComplianceTypes
 * filter (never INSUFFICIENT_DATA, which Config documents as no filter), NoSuchConfigRuleException. Requests are
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
    /** What a listing answers pages of, kept until the inventory changes, so a page costs its size, not the inventory's. */
    private final Map<String, List<JsonElement>> listings = new HashMap<>();

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
        rule.addProperty(
                "ConfigRuleArn",
                "arn:aws:config:" + ConfigItems.REGION + ":" + ConfigItems.ACCOUNT + ":config-rule/config-rule-"
                        + Integer.toHexString(name.hashCode()));
        JsonObject scope = new JsonObject();
        JsonArray types = new JsonArray();
        resourceTypes.forEach(types::add);
        scope.add("ComplianceResourceTypes", types);
        rule.add("Scope", scope);
        JsonObject source = new JsonObject();
        source.addProperty("Owner", "CUSTOM_LAMBDA");
        source.addProperty(
                "SourceIdentifier",
                "arn:aws:lambda:" + ConfigItems.REGION + ":" + ConfigItems.ACCOUNT
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
            listings.clear();
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
    public ConfigInventoryStandIn evaluation(
            String ruleName,
            String resourceType,
            String resourceId,
            String complianceType,
            Instant orderingTimestamp,
            Instant recordedTime) {
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
        String rule = result.getAsJsonObject("EvaluationResultIdentifier")
                .getAsJsonObject("EvaluationResultQualifier")
                .get("ConfigRuleName")
                .getAsString();
        synchronized (data) {
            listings.clear();
            resultsByRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(result);
        }
        return this;
    }

    /**
     * Makes every accepted PutEvaluations with {@code resultToken} this rule's evaluation result for its
     * resource, replacing the one it held, as Config does; later GetComplianceDetailsByConfigRule calls list
     * them (recorded now). For runs of several sweeps.
     */
    public ConfigInventoryStandIn recordEvaluations(String resultToken, String ruleName) {
        Function<Call, Reply> recording = call -> {
            Reply reply = acceptEvaluations(call);
            if (reply.status() == 200
                    && resultToken.equals(call.body().get("ResultToken").getAsString())) {
                Instant now = Instant.now();
                for (JsonElement element : call.body().getAsJsonArray("Evaluations")) {
                    JsonObject evaluation = element.getAsJsonObject();
                    record(ruleName, evaluation, now);
                }
            }
            return reply;
        };
        inventoryAnswers.put("PutEvaluations", recording);
        on("PutEvaluations", recording);
        return this;
    }

    /** The compliance type this rule's evaluation of the resource holds, if any. */
    public java.util.Optional<String> complianceOf(String ruleName, String resourceType, String resourceId) {
        synchronized (data) {
            for (JsonObject result : resultsByRule.getOrDefault(ruleName, List.of())) {
                JsonObject qualifier = result.getAsJsonObject("EvaluationResultIdentifier")
                        .getAsJsonObject("EvaluationResultQualifier");
                if (qualifier.get("ResourceType").getAsString().equals(resourceType)
                        && qualifier.get("ResourceId").getAsString().equals(resourceId)) {
                    return java.util.Optional.of(result.get("ComplianceType").getAsString());
                }
            }
        }
        return java.util.Optional.empty();
    }

    private void record(String ruleName, JsonObject evaluation, Instant recorded) {
        String type = evaluation.get("ComplianceResourceType").getAsString();
        String id = evaluation.get("ComplianceResourceId").getAsString();
        JsonObject qualifier = new JsonObject();
        qualifier.addProperty("ConfigRuleName", ruleName);
        qualifier.addProperty("ResourceType", type);
        qualifier.addProperty("ResourceId", id);
        qualifier.addProperty("EvaluationMode", "DETECTIVE");
        JsonObject identifier = new JsonObject();
        identifier.add("EvaluationResultQualifier", qualifier);
        identifier.add("OrderingTimestamp", evaluation.get("OrderingTimestamp"));
        JsonObject result = new JsonObject();
        result.add("EvaluationResultIdentifier", identifier);
        result.add("ComplianceType", evaluation.get("ComplianceType"));
        result.addProperty("ResultRecordedTime", ConfigItems.epochSeconds(recorded));
        result.addProperty("ConfigRuleInvokedTime", ConfigItems.epochSeconds(recorded));
        if (evaluation.has("Annotation")) {
            result.add("Annotation", evaluation.get("Annotation"));
        }
        synchronized (data) {
            listings.clear();
            List<JsonObject> results = resultsByRule.computeIfAbsent(ruleName, r -> new ArrayList<>());
            results.removeIf(held -> {
                JsonObject heldQualifier =
                        held.getAsJsonObject("EvaluationResultIdentifier").getAsJsonObject("EvaluationResultQualifier");
                return heldQualifier.get("ResourceType").getAsString().equals(type)
                        && heldQualifier.get("ResourceId").getAsString().equals(id);
            });
            results.add(result);
        }
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
            if (!request.has("ConfigRuleNames")
                    || request.getAsJsonArray("ConfigRuleNames").isEmpty()) {
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
        int limit = request.has("limit") && request.get("limit").getAsInt() > 0
                ? request.get("limit").getAsInt()
                : 100;
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
        Set<String> only = ids;
        List<JsonElement> identifiers;
        synchronized (data) {
            identifiers = listing("ldr|" + type + "|" + includeDeleted + "|" + ids, () -> {
                List<JsonElement> matching = new ArrayList<>();
                for (JsonObject item : itemsByType.getOrDefault(type, List.of())) {
                    boolean deleted =
                            DELETED.contains(item.get("configurationItemStatus").getAsString());
                    if ((includeDeleted || !deleted)
                            && (only == null
                                    || only.contains(item.get("resourceId").getAsString()))) {
                        JsonObject identifier = new JsonObject();
                        identifier.add("resourceType", item.get("resourceType"));
                        identifier.add("resourceId", item.get("resourceId"));
                        identifier.add("resourceName", item.get("resourceName"));
                        matching.add(identifier);
                    }
                }
                return matching;
            });
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
                item = itemsByKey.get(List.of(
                        key.get("resourceType").getAsString(),
                        key.get("resourceId").getAsString()));
            }
            if (item != null
                    && !DELETED.contains(item.get("configurationItemStatus").getAsString())) {
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
        int limit = request.has("Limit") && request.get("Limit").getAsInt() > 0
                ? request.get("Limit").getAsInt()
                : 10;
        Set<String> types = new java.util.HashSet<>();
        if (request.has("ComplianceTypes")) {
            request.getAsJsonArray("ComplianceTypes").forEach(type -> types.add(type.getAsString()));
        }
        if (types.contains("INSUFFICIENT_DATA")) {
            // A ComplianceType answers carry, but Config documents it as no filter (the error code is ours).
            violation("GetComplianceDetailsByConfigRule filtered by INSUFFICIENT_DATA");
            return Reply.error(
                    400, "InvalidParameterValueException", "INSUFFICIENT_DATA cannot be used to filter results");
        }
        List<JsonElement> matching;
        synchronized (data) {
            if (!rules.containsKey(rule)) {
                return noSuchRule(rule);
            }
            matching = listing("gcd|" + rule + "|" + new java.util.TreeSet<>(types), () -> {
                List<JsonElement> results = new ArrayList<>();
                for (JsonObject result : resultsByRule.getOrDefault(rule, List.of())) {
                    if (types.isEmpty()
                            || types.contains(result.get("ComplianceType").getAsString())) {
                        results.add(result);
                    }
                }
                results.sort(java.util.Comparator.comparing(ConfigInventoryStandIn::resultKey));
                return results;
            });
        }
        return resultsPage(request, matching, limit, rule);
    }

    private Object history(JsonObject request) {
        JsonObject item;
        synchronized (data) {
            item = itemsByKey.get(List.of(
                    request.get("resourceType").getAsString(),
                    request.get("resourceId").getAsString()));
        }
        if (item == null) {
            return Reply.error(400, "ResourceNotDiscoveredException", "Resource is not discovered");
        }
        JsonArray items = new JsonArray();
        BigDecimal captured = item.get("configurationItemCaptureTime").getAsBigDecimal();
        if (!request.has("laterTime")
                || captured.compareTo(request.get("laterTime").getAsBigDecimal()) <= 0) {
            items.add(item);
        }
        JsonObject body = new JsonObject();
        body.add("configurationItems", items);
        return body;
    }

    /**
     * A page of evaluation results in resource order, its NextToken naming the last resource returned: a
     * result put while a caller pages (e.g. a sweep putting as it reads) moves no other result between
     * pages, so none is skipped or repeated. Config does not document how its pages behave then; this is
     * the behaviour the sweep's cleanup assumes (see docs/sweep.md).
     */
    private static Object resultsPage(JsonObject request, List<JsonElement> sorted, int limit, String rule) {
        String prefix = "gcd/" + rule + "/";
        int start = 0;
        if (request.has("NextToken")) {
            String token = request.get("NextToken").getAsString();
            if (!token.startsWith(prefix)) {
                return Reply.error(400, "InvalidNextTokenException", "The nextToken provided is invalid");
            }
            String after = new String(
                    java.util.Base64.getUrlDecoder().decode(token.substring(prefix.length())),
                    java.nio.charset.StandardCharsets.UTF_8);
            int high = sorted.size();
            while (start < high) { // the first result after the token's
                int middle = (start + high) >>> 1;
                if (resultKey(sorted.get(middle)).compareTo(after) <= 0) {
                    start = middle + 1;
                } else {
                    high = middle;
                }
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        JsonArray page = new JsonArray();
        sorted.subList(start, end).forEach(page::add);
        JsonObject body = new JsonObject();
        body.add("EvaluationResults", page);
        if (end < sorted.size()) {
            body.addProperty(
                    "NextToken",
                    prefix
                            + java.util.Base64.getUrlEncoder()
                                    .encodeToString(resultKey(sorted.get(end - 1))
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return body;
    }

    private static String resultKey(JsonElement result) {
        JsonObject qualifier = result.getAsJsonObject()
                .getAsJsonObject("EvaluationResultIdentifier")
                .getAsJsonObject("EvaluationResultQualifier");
        return qualifier.get("ResourceType").getAsString() + "\u0000"
                + qualifier.get("ResourceId").getAsString();
    }

    /** The listing under {@code key}, computed once per state of the inventory; call holding {@code data}. */
    private List<JsonElement> listing(String key, java.util.function.Supplier<List<JsonElement>> compute) {
        return listings.computeIfAbsent(key, k -> compute.get());
    }

    private static Reply noSuchRule(String name) {
        return Reply.error(
                400, "NoSuchConfigRuleException", "The ConfigRule '" + name + "' provided in the request is invalid.");
    }

    /** One page of {@code all}, as Config pages: {@code tokenMember} names the next page, absent on the last. */
    private static Object configPage(
            JsonObject request,
            List<JsonElement> all,
            int limit,
            String resultMember,
            String tokenMember,
            String tokenPrefix) {
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
