package dev.ecspublicip.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An AWS API model (botocore's service-2.json) used to check that what our SDK clients send is what
 * the real service would accept: required members, unknown members, enums, lengths and list sizes.
 */
public final class ApiModel {
    private final JsonObject operations;
    private final JsonObject shapes;
    private final String targetPrefix;

    private ApiModel(JsonObject model) {
        this.operations = model.getAsJsonObject("operations");
        this.shapes = model.getAsJsonObject("shapes");
        JsonElement prefix = model.getAsJsonObject("metadata").get("targetPrefix");
        this.targetPrefix = prefix == null ? null : prefix.getAsString();
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
            op.getAsJsonArray("errors").forEach(e -> errors.add(e.getAsJsonObject().get("shape").getAsString()));
        }
        return errors;
    }

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
                        validate(member.get("shape").getAsString(), entry.getValue(), path + "." + entry.getKey(),
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
                value.getAsJsonObject().entrySet().forEach(
                        e -> validate(valueShape, e.getValue(), path + "." + e.getKey(), problems));
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
                        known |= e.getAsString().equals(text);
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
            default -> { }
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
