package dev.ecspublicip.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.ecspublicip.BadInputException;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Typed, strict reads from JSON input; every failure names the field path it concerns. */
public final class JsonInput {
    private JsonInput() {}

    /** Parses a whole document strictly (no comments, single quotes or trailing data). */
    public static JsonElement parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new BadInputException(field, "is empty, expected JSON");
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BadInputException(field, "is not valid JSON: unexpected data after the document");
            }
            return element;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new BadInputException(field, "is not valid JSON: " + rootMessage(e));
        }
    }

    public static JsonObject parseObject(String text, String field) {
        JsonElement element = parse(text, field);
        if (!element.isJsonObject()) {
            throw new BadInputException(field, "must be a JSON object, got " + kind(element));
        }
        return element.getAsJsonObject();
    }

    public static JsonObject requiredObject(JsonObject object, String name, String path) {
        return optionalObject(object, name, path)
                .orElseThrow(() -> new BadInputException(path(path, name), "is missing"));
    }

    public static Optional<JsonObject> optionalObject(JsonObject object, String name, String path) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonObject()) {
            throw new BadInputException(path(path, name), "must be an object, got " + kind(value));
        }
        return Optional.of(value.getAsJsonObject());
    }

    public static String requiredString(JsonObject object, String name, String path) {
        return optionalString(object, name, path)
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> new BadInputException(path(path, name), "is missing"));
    }

    public static Optional<String> optionalString(JsonObject object, String name, String path) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new BadInputException(path(path, name), "must be a string, got " + kind(value));
        }
        return Optional.of(value.getAsString());
    }

    public static boolean optionalBoolean(JsonObject object, String name, String path, boolean fallback) {
        JsonElement value = object.get(name);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return value.getAsBoolean();
        }
        throw new BadInputException(path(path, name), "must be a boolean, got " + kind(value));
    }

    public static Instant requiredTimestamp(JsonObject object, String name, String path) {
        String text = requiredString(object, name, path);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadInputException(path(path, name), "is not an ISO-8601 timestamp: '" + text + "'");
        }
    }

    public static String path(String parent, String name) {
        return parent == null || parent.isEmpty() ? name : parent + "." + name;
    }

    public static String kind(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "null";
        }
        if (value.isJsonObject()) {
            return "an object";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        if (value.getAsJsonPrimitive().isBoolean()) {
            return "a boolean";
        }
        if (value.getAsJsonPrimitive().isNumber()) {
            return "a number";
        }
        return "a string";
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        int seeDocs = message.indexOf("\nSee ");
        if (seeDocs > 0) {
            message = message.substring(0, seeDocs);
        }
        return message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON",
                "malformed JSON");
    }
}
