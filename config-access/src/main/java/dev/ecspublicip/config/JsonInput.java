package dev.ecspublicip.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Typed, strict reads from JSON input; every failure names the field path it concerns. */
public final class JsonInput {
    private JsonInput() {}

    /** The deepest nesting of objects and arrays a document may have (Gson's own default). */
    static final int MAX_NESTING = 255;

    /**
     * Parses a whole document strictly: no comments, single quotes or trailing data, and no key twice in
     * one object. Gson's own tree parser lets the last of two equal keys win, so a document could say
     * {@code "AssignPublicIp":"ENABLED","AssignPublicIp":"DISABLED"} and be read as DISABLED; here it is
     * bad input naming the key's path ({@code field} then the keys from the document's root).
     */
    public static JsonElement parse(String text, String field) {
        return parse(text, field, field);
    }

    /**
     * As {@link #parse(String, String)}, naming a duplicate key by its path under {@code memberRoot}
     * (empty when the document's own keys are named as they are, as for the Lambda input).
     */
    public static JsonElement parse(String text, String field, String memberRoot) {
        if (text == null || text.isBlank()) {
            throw new BadInputException(field, "is empty, expected JSON");
        }
        try {
            JsonReader reader = strictReader(new StringReader(text));
            JsonElement element = read(reader, memberRoot);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BadInputException(field, "is not valid JSON: unexpected data after the document");
            }
            return element;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw notJson(field, e);
        }
    }

    /** A reader of one document as {@link #parse(String, String)} reads it: strict, its nesting bounded. */
    public static JsonReader strictReader(Reader text) {
        JsonReader reader = new JsonReader(text);
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(MAX_NESTING);
        return reader;
    }

    /** What a reader's failure to read JSON ({@link #strictReader}) says about {@code field}. */
    public static BadInputException notJson(String field, Exception e) {
        return new BadInputException(field, "is not valid JSON: " + rootMessage(e));
    }

    /**
     * One value and everything in it, from a {@link #strictReader}, no key twice in one object (a duplicate
     * is named by its path under {@code path}); depth is bounded by the reader's nesting limit.
     */
    public static JsonElement read(JsonReader reader, String path) throws IOException {
        return read(reader, path, new ValueBudget(Long.MAX_VALUE, "one value"));
    }

    /**
     * As {@link #read(JsonReader, String)}, refusing a value that holds more than {@code maxValues} values
     * (members, elements and scalars): a tree costs tens of bytes a value, so a document of tiny values
     * ({@code [1,1,1,...]}) would need far more memory than its size; the bound keeps it in the heap.
     */
    public static JsonElement read(JsonReader reader, String path, long maxValues) throws IOException {
        return read(reader, path, new ValueBudget(maxValues, "one value"));
    }

    /** As {@link #read(JsonReader, String, long)}, the values counted against a budget shared by several reads. */
    public static JsonElement read(JsonReader reader, String path, ValueBudget budget) throws IOException {
        budget.take(path);
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    String memberPath = path(path, name);
                    if (object.has(name)) {
                        throw new BadInputException(memberPath, "duplicate key");
                    }
                    object.add(name, read(reader, memberPath, budget));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                JsonArray array = new JsonArray();
                reader.beginArray();
                for (int i = 0; reader.hasNext(); i++) {
                    array.add(read(reader, path + "[" + i + "]", budget));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return new JsonPrimitive(reader.nextString());
            }
            case NUMBER -> {
                // The strict reader has checked the number's syntax; its text stays unparsed (a lazily parsed
                // number), as in Gson's own tree, so a huge one costs nothing here.
                return new JsonPrimitive(ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(reader));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(reader.nextBoolean());
            }
            case NULL -> {
                reader.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new MalformedJsonException("unexpected " + reader.peek() + " at path " + reader.getPath());
        }
    }

    public static JsonObject parseObject(String text, String field) {
        return parseObject(text, field, field);
    }

    /** As {@link #parse(String, String, String)}, and the document must be an object. */
    public static JsonObject parseObject(String text, String field, String memberRoot) {
        JsonElement element = parse(text, field, memberRoot);
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

    /**
     * The earliest timestamp any input can carry: 2006-01-01T00:00:00Z, before the first AWS service (ECS
     * and AWS Config came years later). An earlier one is garbage, not history.
     */
    public static final Instant EARLIEST_TIMESTAMP = Instant.parse("2006-01-01T00:00:00Z");

    /** An ISO-8601 timestamp with an offset, not before {@link #EARLIEST_TIMESTAMP}. */
    public static Instant requiredTimestamp(JsonObject object, String name, String path) {
        String text = requiredString(object, name, path);
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadInputException(path(path, name), "is not an ISO-8601 timestamp: " + ErrorLine.quote(text));
        }
        if (instant.isBefore(EARLIEST_TIMESTAMP)) {
            throw new BadInputException(
                    path(path, name),
                    "is " + ErrorLine.quote(text) + ", before " + EARLIEST_TIMESTAMP + "; no AWS record is that old");
        }
        return instant;
    }

    /** A field's path for error lines; a name from the input is escaped and, when long, cut. */
    public static String path(String parent, String name) {
        String shown = ErrorLine.name(name);
        return parent == null || parent.isEmpty() ? shown : parent + "." + shown;
    }

    /** What the value a reader is at is, as {@link #kind(JsonElement)} names it, without reading it. */
    public static String kind(JsonToken token) {
        return switch (token) {
            case BEGIN_OBJECT -> "an object";
            case BEGIN_ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case NULL -> "null";
            default -> token.toString();
        };
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
        return message.replace(
                "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
    }
}
