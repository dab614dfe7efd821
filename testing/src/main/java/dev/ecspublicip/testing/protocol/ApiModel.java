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
    /** Every shape, compiled once: member lookups by name, XML name and query name, ranges and enums. */
    private final Map<String, Shape> compiled = new java.util.HashMap<>();
    /** Problems found in answers already checked, by operation and answer text: the same bytes are read once. */
    private final AnswerChecks answers = new AnswerChecks();

    /** Models are read once per JVM: they do not change, and every stand-in of a test suite needs one. */
    private static final Map<Path, ApiModel> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

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
        for (Map.Entry<String, JsonElement> shape : shapes.entrySet()) {
            compiled.put(shape.getKey(), new Shape(shape.getValue().getAsJsonObject(), protocol.equals("ec2")));
        }
    }

    public static ApiModel load(String service) {
        return LOADED.computeIfAbsent(Reference.apiModel(service), path -> {
            try {
                return new ApiModel(
                        JsonParser.parseString(Files.readString(path)).getAsJsonObject());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path, e);
            }
        });
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
            validate(op.getAsJsonObject("input").get("shape").getAsString(), body, Where.root(operation), problems);
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

    /**
     * {@link #validateOutput(String, JsonObject)} of an answer whose text is {@code text}, checked once per
     * distinct text: an answer given again (a benchmark's repeated scans, a test's polling) gets the
     * problems found the first time, without reading it again.
     */
    public List<String> validateOutput(String operation, JsonObject body, String text) {
        return answers.problems(operation, text, () -> validateOutput(operation, body));
    }

    /** Problems with a value of a named shape (e.g. {@code ConfigurationItem}); empty when it fits. */
    public List<String> validateShape(String shapeName, JsonElement value, String path) {
        List<String> problems = new ArrayList<>();
        validate(shapeName, value, Where.root(path), problems);
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
            validate(input, body, Where.root(operation), problems);
        }
        return problems;
    }

    /**
     * Problems with a query-protocol answer (an XML document), read into the operation's output shape by
     * the model's element names, then checked like a JSON body: an element the shape has no member for,
     * a number or timestamp that is not one, an enum value the service never returns. An answer whose text
     * was checked before gets the problems found then, without being read again.
     */
    public List<String> validateQueryOutput(String operation, String xml) {
        return answers.problems(operation, xml, () -> readQueryOutput(operation, xml));
    }

    private List<String> readQueryOutput(String operation, String xml) {
        List<String> problems = new ArrayList<>();
        JsonObject op = operations.getAsJsonObject(operation);
        if (op == null || !op.has("output")) {
            return List.of("unknown operation or no output: " + operation);
        }
        org.w3c.dom.Element root;
        try {
            javax.xml.parsers.DocumentBuilder builder = DOCUMENTS.get();
            builder.reset();
            root = builder.parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)))
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
        Where where = Where.root(operation);
        JsonElement body = fromXml(output, result, where, problems, result == root ? "requestId" : null);
        validate(output, body, where, problems);
        return problems;
    }

    /** One parser per thread (a DocumentBuilder is not thread-safe); the factory's lookup is paid once. */
    private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> DOCUMENTS = ThreadLocal.withInitial(() -> {
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private void place(
            String shapeName,
            JsonElement container,
            String[] path,
            int index,
            String value,
            String key,
            List<String> problems) {
        Shape shape = compiled.get(shapeName);
        String type = shape.type;
        if (type.equals("structure")) {
            JsonObject object = container.getAsJsonObject();
            if (index >= path.length) {
                problems.add(key + ": names a structure, not a value");
                return;
            }
            String member = shape.memberByQueryName.get(path[index]);
            if (member == null) {
                problems.add(key + ": not a parameter of " + shapeName);
                return;
            }
            String memberShape = shape.memberShapes.get(member);
            String memberType = compiled.get(memberShape).type;
            if (index + 1 == path.length
                    && !memberType.equals("structure")
                    && !memberType.equals("list")
                    && !memberType.equals("map")) {
                object.add(member, scalar(memberShape, value, key, problems));
                return;
            }
            if (!object.has(member)) {
                object.add(member, memberType.equals("list") ? new JsonArray() : new JsonObject());
            }
            place(memberShape, object.get(member), path, index + 1, value, key, problems);
        } else if (type.equals("list")) {
            JsonArray list = container.getAsJsonArray();
            int at = index;
            if (protocol.equals("query") && !shape.flattened) {
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
            String memberShape = shape.listMember;
            String memberType = compiled.get(memberShape).type;
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
    private static String serializedName(String member, JsonObject definition, boolean ec2) {
        if (ec2) {
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

    /** {@code where} names the value in a problem; it is turned into text only when there is one. */
    private JsonElement scalar(String shapeName, String text, Object where, List<String> problems) {
        String type = compiled.get(shapeName).type;
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
            problems.add(where + ": '" + text + "' is not a " + type);
            return com.google.gson.JsonNull.INSTANCE;
        }
    }

    private JsonElement fromXml(
            String shapeName, org.w3c.dom.Element element, Where path, List<String> problems, String allowedExtra) {
        Shape shape = compiled.get(shapeName);
        switch (shape.type) {
            case "structure" -> {
                JsonObject object = new JsonObject();
                for (org.w3c.dom.Element child : children(element)) {
                    String tag = child.getTagName();
                    String member = shape.memberByXmlName.get(tag);
                    if (member == null) {
                        if (!tag.equals(allowedExtra)) {
                            problems.add(path.member(tag) + ": not a member of " + shapeName);
                        }
                    } else if (object.has(member)) {
                        problems.add(path.member(tag) + ": appears twice");
                    } else {
                        object.add(
                                member,
                                fromXml(shape.memberShapes.get(member), child, path.member(tag), problems, null));
                    }
                }
                return object;
            }
            case "list" -> {
                JsonArray list = new JsonArray();
                for (org.w3c.dom.Element child : children(element)) {
                    if (!child.getTagName().equals(shape.listItemName)) {
                        problems.add(path.member(child.getTagName()) + ": list items are <" + shape.listItemName + ">");
                    } else {
                        list.add(fromXml(shape.listMember, child, path.index(list.size()), problems, null));
                    }
                }
                return list;
            }
            case "map" -> {
                problems.add(path + ": maps are not supported by this check");
                return com.google.gson.JsonNull.INSTANCE;
            }
            default -> {
                if (element.getFirstChild() != null && !children(element).isEmpty()) {
                    problems.add(path + ": a " + shape.type + " with child elements");
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
    private void validate(String shapeName, JsonElement value, Where path, List<String> problems) {
        Shape shape = compiled.get(shapeName);
        if (value == null || value.isJsonNull()) {
            return;
        }
        switch (shape.type) {
            case "structure" -> {
                if (!value.isJsonObject()) {
                    problems.add(path + ": expected a structure");
                    return;
                }
                JsonObject object = value.getAsJsonObject();
                for (String required : shape.required) {
                    if (!object.has(required)) {
                        problems.add(path.member(required) + ": required");
                    }
                }
                for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
                    String member = shape.memberShapes.get(entry.getKey());
                    if (member == null) {
                        problems.add(path.member(entry.getKey()) + ": not a member of " + shapeName);
                    } else {
                        validate(member, entry.getValue(), path.member(entry.getKey()), problems);
                    }
                }
            }
            case "list" -> {
                if (!value.isJsonArray()) {
                    problems.add(path + ": expected a list");
                    return;
                }
                JsonArray list = value.getAsJsonArray();
                int size = list.size();
                checkRange(shape, size, path, " (size)", problems);
                for (int i = 0; i < size; i++) {
                    validate(shape.listMember, list.get(i), path.index(i), problems);
                }
            }
            case "map" -> {
                if (!value.isJsonObject()) {
                    problems.add(path + ": expected a map");
                    return;
                }
                value.getAsJsonObject()
                        .entrySet()
                        .forEach(e -> validate(shape.mapValue, e.getValue(), path.member(e.getKey()), problems));
            }
            case "string" -> {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                    problems.add(path + ": expected a string");
                    return;
                }
                String text = value.getAsString();
                checkRange(shape, text.length(), path, " (length)", problems);
                if (shape.enumText != null && !shape.knows(text)) {
                    problems.add(path + ": '" + text + "' is not one of " + shape.enumText);
                }
            }
            case "integer", "long", "double", "float", "timestamp" -> {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                    problems.add(path + ": expected a number");
                    return;
                }
                if (!shape.type.equals("timestamp")) {
                    checkRange(shape, value.getAsDouble(), path, "", problems);
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

    private static void checkRange(Shape shape, double value, Where path, String suffix, List<String> problems) {
        if (shape.minText != null && value < shape.min) {
            problems.add(path + suffix + ": " + value + " is below the minimum " + shape.minText);
        }
        if (shape.maxText != null && value > shape.max) {
            problems.add(path + suffix + ": " + value + " is above the maximum " + shape.maxText);
        }
    }

    /**
     * Where a value sits in a body ({@code Operation.member[2].name}), made into text only for a problem:
     * most values have none, and building every path would cost more than the check itself.
     */
    private static final class Where {
        private final Where parent;
        private final String name;
        private final int index;

        private Where(Where parent, String name, int index) {
            this.parent = parent;
            this.name = name;
            this.index = index;
        }

        static Where root(String text) {
            return new Where(null, text, -1);
        }

        Where member(String member) {
            return new Where(this, member, -1);
        }

        Where index(int at) {
            return new Where(this, null, at);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            append(text);
            return text.toString();
        }

        private void append(StringBuilder text) {
            if (parent == null) {
                text.append(name);
                return;
            }
            parent.append(text);
            if (name != null) {
                text.append('.').append(name);
            } else {
                text.append('[').append(index).append(']');
            }
        }
    }

    /** A shape of the model, read once into lookups. */
    private static final class Shape {
        final String type;
        /** Structure: member name to its shape, in the model's order. */
        final Map<String, String> memberShapes = new java.util.LinkedHashMap<>();
        /** Structure: XML element name (locationName, else the member's) to member; the last one wins, as before. */
        final Map<String, String> memberByXmlName = new java.util.HashMap<>();
        /** Structure: query-protocol parameter name to member; the first one wins. */
        final Map<String, String> memberByQueryName = new java.util.HashMap<>();

        final List<String> required = new ArrayList<>();
        final String listMember;
        final String listItemName;
        final boolean flattened;
        final String mapValue;
        final double min;
        final double max;
        final String minText;
        final String maxText;
        final String enumText;
        final java.util.Set<String> enums = new java.util.HashSet<>();
        final boolean ignoreCase;

        Shape(JsonObject json, boolean ec2) {
            type = json.get("type").getAsString();
            if (json.has("members")) {
                for (Map.Entry<String, JsonElement> entry :
                        json.getAsJsonObject("members").entrySet()) {
                    JsonObject definition = entry.getValue().getAsJsonObject();
                    memberShapes.put(entry.getKey(), definition.get("shape").getAsString());
                    memberByXmlName.put(
                            definition.has("locationName")
                                    ? definition.get("locationName").getAsString()
                                    : entry.getKey(),
                            entry.getKey());
                    memberByQueryName.putIfAbsent(serializedName(entry.getKey(), definition, ec2), entry.getKey());
                }
            }
            if (json.has("required")) {
                json.getAsJsonArray("required").forEach(r -> required.add(r.getAsString()));
            }
            JsonObject member = json.getAsJsonObject("member");
            listMember = member == null ? null : member.get("shape").getAsString();
            listItemName = member != null && member.has("locationName")
                    ? member.get("locationName").getAsString()
                    : "member";
            flattened = json.has("flattened");
            JsonObject value = json.getAsJsonObject("value");
            mapValue = value == null ? null : value.get("shape").getAsString();
            minText = json.has("min") ? json.get("min").toString() : null;
            maxText = json.has("max") ? json.get("max").toString() : null;
            min = json.has("min") ? json.get("min").getAsDouble() : 0;
            max = json.has("max") ? json.get("max").getAsDouble() : 0;
            ignoreCase = ec2;
            enumText = json.has("enum") ? json.get("enum").toString() : null;
            if (json.has("enum")) {
                json.getAsJsonArray("enum")
                        .forEach(e ->
                                enums.add(ec2 ? e.getAsString().toLowerCase(java.util.Locale.ROOT) : e.getAsString()));
            }
        }

        boolean knows(String text) {
            return enums.contains(ignoreCase ? text.toLowerCase(java.util.Locale.ROOT) : text);
        }
    }

    /**
     * What the checks of answers found, by operation and answer text, so that an answer given again is not
     * read again. Bounded: past {@link #MAX_CHARS} characters of remembered answers it starts afresh.
     */
    private static final class AnswerChecks {
        private static final long MAX_CHARS = 16_000_000;
        private final Map<Key, List<String>> found = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong chars = new java.util.concurrent.atomic.AtomicLong();

        /**
         * An answer's text, equal to another only when every character is; its hash reads a sample of the
         * characters, since hashing all of a 100 kB answer costs more than finding it (a shared hash only
         * makes the full comparison run more often).
         */
        private record Key(String operation, String text, int hash) {
            static Key of(String operation, String text) {
                int hash = operation.hashCode() * 31 + text.length();
                int step = Math.max(1, text.length() / 1024);
                for (int i = 0; i < text.length(); i += step) {
                    hash = 31 * hash + text.charAt(i);
                }
                return new Key(operation, text, hash);
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Key key
                        && key.hash == hash
                        && key.operation.equals(operation)
                        && key.text.equals(text);
            }

            @Override
            public int hashCode() {
                return hash;
            }
        }

        List<String> problems(String operation, String text, java.util.function.Supplier<List<String>> check) {
            Key key = Key.of(operation, text);
            List<String> known = found.get(key);
            if (known != null) {
                return known;
            }
            List<String> problems = List.copyOf(check.get());
            if (chars.addAndGet(text.length()) > MAX_CHARS) {
                found.clear();
                chars.set(text.length());
            }
            found.put(key, problems);
            return problems;
        }
    }
}
