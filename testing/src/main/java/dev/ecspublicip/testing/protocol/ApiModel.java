package dev.ecspublicip.testing.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An AWS API model (botocore's service-2.json) used to check that what our SDK clients send is what
 * the real service would accept, and that what a stand-in answers is what the service could: required
 * members, unknown members, enums, lengths and list sizes. JSON bodies (Config, ECS) are checked as they
 * are; query-protocol requests and XML answers (EC2, STS) are first read into the same shapes.
 */
public final class ApiModel {
    private final JsonObject operations;
    private final JsonObject shapes;
    private final String targetPrefix;
    private final String protocol;
    private final String apiVersion;
    private final String xmlNamespace;
    private final String jsonVersion;
    private final String iamPrefix;

    private ApiModel(JsonObject model) {
        this.operations = model.getAsJsonObject("operations");
        this.shapes = model.getAsJsonObject("shapes");
        JsonObject metadata = model.getAsJsonObject("metadata");
        JsonElement prefix = metadata.get("targetPrefix");
        this.targetPrefix = prefix == null ? null : prefix.getAsString();
        this.protocol = metadata.get("protocol").getAsString();
        this.apiVersion = metadata.get("apiVersion").getAsString();
        JsonElement namespace = metadata.get("xmlNamespace");
        this.xmlNamespace = namespace == null ? null : namespace.getAsString();
        JsonElement signing =
                metadata.has("signingName") ? metadata.get("signingName") : metadata.get("endpointPrefix");
        this.iamPrefix = signing.getAsString();
        JsonElement version = metadata.get("jsonVersion");
        this.jsonVersion = version == null ? "1.1" : version.getAsString();
    }

    public static ApiModel load(String service) {
        Path path = Reference.apiModel(service);
        try {
            return new ApiModel(JsonParser.parseString(Files.readString(path)).getAsJsonObject());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    /** The wire protocol: {@code json}, {@code rest-json}, {@code query} or {@code ec2}. */
    public String protocol() {
        return protocol;
    }

    /**
     * The service's prefix in IAM actions, which is the name requests are signed for ({@code states} for
     * Step Functions, whose model is {@code stepfunctions}).
     */
    public String iamPrefix() {
        return iamPrefix;
    }

    /** The JSON protocol's version ({@code 1.0} for Step Functions, {@code 1.1} for ECS), as the model gives it. */
    public String jsonVersion() {
        return jsonVersion;
    }

    /** The namespace of a query protocol's XML answers, as the model gives it. */
    public String xmlNamespace() {
        return xmlNamespace;
    }

    public boolean hasOperation(String operation) {
        return operations.has(operation);
    }

    /** Problems with a request body for the operation; empty when the service would accept its shape. */
    public List<String> validateInput(String operation, JsonObject body) {
        List<String> problems = new ArrayList<>();
        JsonObject op = operations.getAsJsonObject(operation);
        if (op == null) {
            problems.add("unknown operation " + operation);
            return problems;
        }
        if (op.has("input")) {
            validate(op.getAsJsonObject("input").get("shape").getAsString(), body, operation, problems);
        }
        return problems;
    }

    /** A REST request read into its operation's input shape: which operation, and its input. */
    public record RestRequest(String operation, JsonObject input) {}

    /**
     * For a REST protocol ({@code rest-json}): the operation whose HTTP method and request URI template
     * match, with its input read from the URI labels, the query string and the body by the model's
     * {@code location}s, the way the service reads them; empty when no operation matches. Values that do not
     * fit their member's type are added to {@code problems}.
     */
    public java.util.Optional<RestRequest> restRequest(
            String method, String path, Map<String, List<String>> query, JsonObject body, List<String> problems) {
        for (Map.Entry<String, JsonElement> entry : operations.entrySet()) {
            JsonObject http = entry.getValue().getAsJsonObject().getAsJsonObject("http");
            if (!http.get("method").getAsString().equals(method)) {
                continue;
            }
            String template = http.get("requestUri").getAsString().split("\\?", 2)[0];
            java.util.Optional<Map<String, String>> labels = match(template, path);
            if (labels.isEmpty()) {
                continue;
            }
            String operation = entry.getKey();
            JsonObject op = entry.getValue().getAsJsonObject();
            JsonObject input = body.deepCopy();
            if (op.has("input")) {
                JsonObject members = shapes.getAsJsonObject(
                                op.getAsJsonObject("input").get("shape").getAsString())
                        .getAsJsonObject("members");
                for (Map.Entry<String, JsonElement> member : members.entrySet()) {
                    JsonObject definition = member.getValue().getAsJsonObject();
                    if (!definition.has("location")) {
                        continue;
                    }
                    String name = definition.has("locationName")
                            ? definition.get("locationName").getAsString()
                            : member.getKey();
                    String shape = definition.get("shape").getAsString();
                    String where = operation + "." + member.getKey();
                    switch (definition.get("location").getAsString()) {
                        case "uri" -> {
                            if (labels.get().containsKey(name)) {
                                input.add(
                                        member.getKey(),
                                        scalar(shape, labels.get().get(name), where, problems));
                            }
                        }
                        case "querystring" -> {
                            List<String> values = query.get(name);
                            if (values == null) {
                                continue;
                            }
                            JsonObject definitionShape = shapes.getAsJsonObject(shape);
                            if (definitionShape.get("type").getAsString().equals("list")) {
                                JsonArray list = new JsonArray();
                                String item = definitionShape
                                        .getAsJsonObject("member")
                                        .get("shape")
                                        .getAsString();
                                values.forEach(v -> list.add(scalar(item, v, where, problems)));
                                input.add(member.getKey(), list);
                            } else {
                                input.add(
                                        member.getKey(), scalar(shape, values.get(values.size() - 1), where, problems));
                            }
                        }
                        default -> {}
                    }
                }
            }
            return java.util.Optional.of(new RestRequest(operation, input));
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<Map<String, String>> match(String template, String path) {
        String[] want = template.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return java.util.Optional.empty();
        }
        Map<String, String> labels = new java.util.HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) {
                    return java.util.Optional.empty();
                }
                labels.put(
                        want[i].substring(1, want[i].length() - 1),
                        java.net.URLDecoder.decode(
                                got[i].replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            } else if (!want[i].equals(got[i])) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(labels);
    }

    /** Problems with a response body for the operation; empty when it fits the operation's output shape. */
    public List<String> validateOutput(String operation, JsonObject body) {
        JsonObject op = operations.getAsJsonObject(operation);
        if (op == null || !op.has("output")) {
            return List.of("unknown operation or no output: " + operation);
        }
        return validateShape(op.getAsJsonObject("output").get("shape").getAsString(), body, operation);
    }

    /** Problems with a value of a named shape (e.g. {@code ConfigurationItem}); empty when it fits. */
    public List<String> validateShape(String shapeName, JsonElement value, String path) {
        List<String> problems = new ArrayList<>();
        validate(shapeName, value, path, problems);
        return problems;
    }

    /** The member names of a structure shape, e.g. what a BaseConfigurationItem may carry. */
    public java.util.Set<String> members(String shapeName) {
        return shapes.getAsJsonObject(shapeName).getAsJsonObject("members").keySet();
    }

    /** The error shapes the operation may return, e.g. {@code ThrottlingException} is not among Config's. */
    public List<String> errors(String operation) {
        List<String> errors = new ArrayList<>();
        JsonObject op = operations.getAsJsonObject(operation);
        if (op != null && op.has("errors")) {
            op.getAsJsonArray("errors")
                    .forEach(e -> errors.add(e.getAsJsonObject().get("shape").getAsString()));
        }
        return errors;
    }

    /**
     * Problems with a query-protocol request ({@code ec2} or {@code query}: form parameters such as
     * {@code Filter.1.Value.2} or {@code PolicyArns.member.1.arn}), read into the operation's input shape
     * by the model's serialization names, then checked like a JSON body; empty when the service would
     * accept it.
     */
    public List<String> validateQueryInput(Map<String, String> parameters) {
        List<String> problems = new ArrayList<>();
        String operation = parameters.get("Action");
        JsonObject op = operation == null ? null : operations.getAsJsonObject(operation);
        if (op == null) {
            problems.add("unknown Action " + operation);
            return problems;
        }
        if (!apiVersion.equals(parameters.get("Version"))) {
            problems.add("Version must be " + apiVersion + ", got " + parameters.get("Version"));
        }
        String input =
                op.has("input") ? op.getAsJsonObject("input").get("shape").getAsString() : null;
        JsonObject body = new JsonObject();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String key = parameter.getKey();
            if (key.equals("Action") || key.equals("Version")) {
                continue;
            }
            if (input == null) {
                problems.add(key + ": " + operation + " takes no parameters");
                continue;
            }
            place(input, body, key.split("\\.", -1), 0, parameter.getValue(), key, problems);
        }
        if (input != null) {
            validate(input, body, operation, problems);
        }
        return problems;
    }

    /**
     * Problems with a query-protocol answer (an XML document), read into the operation's output shape by
     * the model's element names, then checked like a JSON body: an element the shape has no member for,
     * a number or timestamp that is not one, an enum value the service never returns.
     */
    public List<String> validateQueryOutput(String operation, String xml) {
        List<String> problems = new ArrayList<>();
        JsonObject op = operations.getAsJsonObject(operation);
        if (op == null || !op.has("output")) {
            return List.of("unknown operation or no output: " + operation);
        }
        org.w3c.dom.Element root;
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            root = factory.newDocumentBuilder()
                    .parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)))
                    .getDocumentElement();
        } catch (Exception e) {
            return List.of(operation + ": answer is not XML: " + e.getMessage());
        }
        if (!root.getTagName().equals(operation + "Response")) {
            problems.add(operation + ": root element " + root.getTagName() + ", expected " + operation + "Response");
            return problems;
        }
        String output = op.getAsJsonObject("output").get("shape").getAsString();
        org.w3c.dom.Element result = root;
        if (op.getAsJsonObject("output").has("resultWrapper")) {
            String wrapper = op.getAsJsonObject("output").get("resultWrapper").getAsString();
            result = null;
            for (org.w3c.dom.Element child : children(root)) {
                if (child.getTagName().equals(wrapper)) {
                    result = child;
                } else if (!child.getTagName().equals("ResponseMetadata")) {
                    problems.add(operation + "." + child.getTagName() + ": not part of a query answer");
                }
            }
            if (result == null) {
                problems.add(operation + ": no " + wrapper + " element");
                return problems;
            }
        }
        JsonElement body = fromXml(output, result, operation, problems, result == root ? "requestId" : null);
        validate(output, body, operation, problems);
        return problems;
    }

    private void place(
            String shapeName,
            JsonElement container,
            String[] path,
            int index,
            String value,
            String key,
            List<String> problems) {
        JsonObject shape = shapes.getAsJsonObject(shapeName);
        String type = shape.get("type").getAsString();
        if (type.equals("structure")) {
            JsonObject object = container.getAsJsonObject();
            if (index >= path.length) {
                problems.add(key + ": names a structure, not a value");
                return;
            }
            for (Map.Entry<String, JsonElement> member :
                    shape.getAsJsonObject("members").entrySet()) {
                JsonObject definition = member.getValue().getAsJsonObject();
                if (!serializedName(member.getKey(), definition).equals(path[index])) {
                    continue;
                }
                String memberShape = definition.get("shape").getAsString();
                String memberType =
                        shapes.getAsJsonObject(memberShape).get("type").getAsString();
                if (index + 1 == path.length
                        && !memberType.equals("structure")
                        && !memberType.equals("list")
                        && !memberType.equals("map")) {
                    object.add(member.getKey(), scalar(memberShape, value, key, problems));
                    return;
                }
                if (!object.has(member.getKey())) {
                    object.add(member.getKey(), memberType.equals("list") ? new JsonArray() : new JsonObject());
                }
                place(memberShape, object.get(member.getKey()), path, index + 1, value, key, problems);
                return;
            }
            problems.add(key + ": not a parameter of " + shapeName);
        } else if (type.equals("list")) {
            JsonArray list = container.getAsJsonArray();
            int at = index;
            if (protocol.equals("query") && !shape.has("flattened")) {
                if (at >= path.length || !path[at].equals("member")) {
                    problems.add(key + ": list items are NAME.member.N");
                    return;
                }
                at++;
            }
            int position;
            try {
                position = Integer.parseInt(path[at]);
            } catch (RuntimeException e) {
                problems.add(key + ": list index expected at '" + (at < path.length ? path[at] : "") + "'");
                return;
            }
            if (position < 1) {
                problems.add(key + ": list indexes start at 1");
                return;
            }
            String memberShape = shape.getAsJsonObject("member").get("shape").getAsString();
            String memberType = shapes.getAsJsonObject(memberShape).get("type").getAsString();
            while (list.size() < position) {
                list.add(memberType.equals("structure") ? new JsonObject() : com.google.gson.JsonNull.INSTANCE);
            }
            if (memberType.equals("structure")) {
                place(memberShape, list.get(position - 1), path, at + 1, value, key, problems);
            } else if (at + 1 == path.length) {
                list.set(position - 1, scalar(memberShape, value, key, problems));
            } else {
                problems.add(key + ": nested lists are not expected here");
            }
        } else {
            problems.add(key + ": " + type + " parameters are not supported by this check");
        }
    }

    /** The parameter name of a member in the query protocols (botocore's serializers). */
    private String serializedName(String member, JsonObject definition) {
        if (protocol.equals("ec2")) {
            if (definition.has("queryName")) {
                return definition.get("queryName").getAsString();
            }
            if (definition.has("locationName")) {
                String name = definition.get("locationName").getAsString();
                return Character.toUpperCase(name.charAt(0)) + name.substring(1);
            }
            return member;
        }
        return definition.has("locationName") ? definition.get("locationName").getAsString() : member;
    }

    private JsonElement scalar(String shapeName, String text, String path, List<String> problems) {
        String type = shapes.getAsJsonObject(shapeName).get("type").getAsString();
        try {
            return switch (type) {
                case "integer", "long" -> new com.google.gson.JsonPrimitive(Long.parseLong(text.trim()));
                case "double", "float" -> new com.google.gson.JsonPrimitive(Double.parseDouble(text.trim()));
                case "boolean" -> {
                    if (!text.trim().equals("true") && !text.trim().equals("false")) {
                        throw new IllegalArgumentException("not true or false");
                    }
                    yield new com.google.gson.JsonPrimitive(Boolean.parseBoolean(text.trim()));
                }
                case "timestamp" ->
                    new com.google.gson.JsonPrimitive(
                            java.time.OffsetDateTime.parse(text.trim()).toEpochSecond());
                default -> new com.google.gson.JsonPrimitive(text);
            };
        } catch (RuntimeException e) {
            problems.add(path + ": '" + text + "' is not a " + type);
            return com.google.gson.JsonNull.INSTANCE;
        }
    }

    private JsonElement fromXml(
            String shapeName, org.w3c.dom.Element element, String path, List<String> problems, String allowedExtra) {
        JsonObject shape = shapes.getAsJsonObject(shapeName);
        switch (shape.get("type").getAsString()) {
            case "structure" -> {
                JsonObject object = new JsonObject();
                JsonObject members = shape.getAsJsonObject("members");
                for (org.w3c.dom.Element child : children(element)) {
                    String member = null;
                    for (Map.Entry<String, JsonElement> entry : members.entrySet()) {
                        JsonObject definition = entry.getValue().getAsJsonObject();
                        String name = definition.has("locationName")
                                ? definition.get("locationName").getAsString()
                                : entry.getKey();
                        if (name.equals(child.getTagName())) {
                            member = entry.getKey();
                        }
                    }
                    if (member == null) {
                        if (!child.getTagName().equals(allowedExtra)) {
                            problems.add(path + "." + child.getTagName() + ": not a member of " + shapeName);
                        }
                    } else if (object.has(member)) {
                        problems.add(path + "." + child.getTagName() + ": appears twice");
                    } else {
                        object.add(
                                member,
                                fromXml(
                                        members.getAsJsonObject(member)
                                                .get("shape")
                                                .getAsString(),
                                        child,
                                        path + "." + child.getTagName(),
                                        problems,
                                        null));
                    }
                }
                return object;
            }
            case "list" -> {
                JsonObject member = shape.getAsJsonObject("member");
                String itemName =
                        member.has("locationName") ? member.get("locationName").getAsString() : "member";
                JsonArray list = new JsonArray();
                for (org.w3c.dom.Element child : children(element)) {
                    if (!child.getTagName().equals(itemName)) {
                        problems.add(path + "." + child.getTagName() + ": list items are <" + itemName + ">");
                    } else {
                        list.add(fromXml(
                                member.get("shape").getAsString(),
                                child,
                                path + "[" + list.size() + "]",
                                problems,
                                null));
                    }
                }
                return list;
            }
            case "map" -> {
                problems.add(path + ": maps are not supported by this check");
                return com.google.gson.JsonNull.INSTANCE;
            }
            default -> {
                if (!children(element).isEmpty()) {
                    problems.add(path + ": a " + shape.get("type").getAsString() + " with child elements");
                }
                return scalar(shapeName, element.getTextContent(), path, problems);
            }
        }
    }

    private static List<org.w3c.dom.Element> children(org.w3c.dom.Element element) {
        List<org.w3c.dom.Element> children = new ArrayList<>();
        for (org.w3c.dom.Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof org.w3c.dom.Element child) {
                children.add(child);
            }
        }
        return children;
    }

    /**
     * Enums are compared case-insensitively for EC2 alone: its model capitalises values the service
     * returns in lower case (a VPC endpoint's {@code State} is {@code available}, as the documented values
     * of the {@code vpc-endpoint-state} filter are).
     */
    private void validate(String shapeName, JsonElement value, String path, List<String> problems) {
        JsonObject shape = shapes.getAsJsonObject(shapeName);
        if (value == null || value.isJsonNull()) {
            return;
        }
        String type = shape.get("type").getAsString();
        switch (type) {
            case "structure" -> {
                if (!value.isJsonObject()) {
                    problems.add(path + ": expected a structure");
                    return;
                }
                JsonObject members = shape.getAsJsonObject("members");
                JsonObject object = value.getAsJsonObject();
                if (shape.has("required")) {
                    shape.getAsJsonArray("required").forEach(r -> {
                        if (!object.has(r.getAsString())) {
                            problems.add(path + "." + r.getAsString() + ": required");
                        }
                    });
                }
                for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
                    JsonObject member = members.getAsJsonObject(entry.getKey());
                    if (member == null) {
                        problems.add(path + "." + entry.getKey() + ": not a member of " + shapeName);
                    } else {
                        validate(
                                member.get("shape").getAsString(),
                                entry.getValue(),
                                path + "." + entry.getKey(),
                                problems);
                    }
                }
            }
            case "list" -> {
                if (!value.isJsonArray()) {
                    problems.add(path + ": expected a list");
                    return;
                }
                int size = value.getAsJsonArray().size();
                checkRange(shape, size, path + " (size)", problems);
                String member = shape.getAsJsonObject("member").get("shape").getAsString();
                for (int i = 0; i < size; i++) {
                    validate(member, value.getAsJsonArray().get(i), path + "[" + i + "]", problems);
                }
            }
            case "map" -> {
                if (!value.isJsonObject()) {
                    problems.add(path + ": expected a map");
                    return;
                }
                String valueShape = shape.getAsJsonObject("value").get("shape").getAsString();
                value.getAsJsonObject()
                        .entrySet()
                        .forEach(e -> validate(valueShape, e.getValue(), path + "." + e.getKey(), problems));
            }
            case "string" -> {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                    problems.add(path + ": expected a string");
                    return;
                }
                String text = value.getAsString();
                checkRange(shape, text.length(), path + " (length)", problems);
                if (shape.has("enum")) {
                    boolean known = false;
                    for (JsonElement e : shape.getAsJsonArray("enum")) {
                        known |= protocol.equals("ec2")
                                ? e.getAsString().equalsIgnoreCase(text)
                                : e.getAsString().equals(text);
                    }
                    if (!known) {
                        problems.add(path + ": '" + text + "' is not one of " + shape.get("enum"));
                    }
                }
            }
            case "integer", "long", "double", "float", "timestamp" -> {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                    problems.add(path + ": expected a number");
                    return;
                }
                if (!type.equals("timestamp")) {
                    checkRange(shape, value.getAsDouble(), path, problems);
                }
            }
            case "boolean" -> {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
                    problems.add(path + ": expected a boolean");
                }
            }
            default -> {}
        }
    }

    private static void checkRange(JsonObject shape, double value, String path, List<String> problems) {
        if (shape.has("min") && value < shape.get("min").getAsDouble()) {
            problems.add(path + ": " + value + " is below the minimum " + shape.get("min"));
        }
        if (shape.has("max") && value > shape.get("max").getAsDouble()) {
            problems.add(path + ": " + value + " is above the maximum " + shape.get("max"));
        }
    }
}
