package dev.ecspublicip.check;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.config.ValueBudget;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON document, read as a stream: a Terraform plan's {@code resource_changes} and {@code deferred_changes}
 * one change at a time ({@link TerraformPlanCheck}), a template's sections ({@code Resources}...) into trees of
 * at most {@link LimitedReader#MAX_PART} characters and {@link LimitedReader#MAX_PART_VALUES} values together, and everything else skipped unread. Strict JSON; a key
 * twice in an object that is read is bad input.
 */
final class JsonDocumentCheck {
    private static final Set<String> TEMPLATE_SECTIONS = Set.of(
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Rules",
            "Mappings",
            "Conditions",
            "Transform",
            "Resources",
            "Outputs",
            "Hooks");

    private final Checker checker;
    private final String file;
    private final LimitedReader limited;
    private final Reader text;

    /** @param text {@code limited}, or a reader over it */
    JsonDocumentCheck(Checker checker, String file, LimitedReader limited, Reader text) {
        this.checker = checker;
        this.file = file;
        this.limited = limited;
        this.text = text;
    }

    List<CheckedResource> check() {
        try {
            return read(JsonInput.strictReader(text));
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw JsonInput.notJson(file, e);
        }
    }

    private List<CheckedResource> read(JsonReader reader) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new NotATemplateOrPlan(file, "must be a JSON object (a template or a plan)");
        }
        TerraformPlanCheck plan = new TerraformPlanCheck(checker, file);
        List<CheckedResource> planned = new ArrayList<>();
        JsonObject template = new JsonObject();
        Map<String, Integer> lines = new HashMap<>();
        Set<String> names = new HashSet<>();
        long templateChars = 0;
        ValueBudget templateValues = new ValueBudget(LimitedReader.MAX_PART_VALUES, "a template");
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (!names.add(name)) {
                throw new BadInputException(JsonInput.path("", name), "duplicate key");
            }
            if (name.equals("resource_changes") || name.equals("deferred_changes")) {
                if (reader.peek() == JsonToken.NULL) {
                    reader.nextNull();
                    continue;
                }
                if (reader.peek() != JsonToken.BEGIN_ARRAY) {
                    throw new BadInputException(name, "must be a list, got " + JsonInput.kind(reader.peek()));
                }
                reader.beginArray();
                for (int i = 0; reader.hasNext(); i++) {
                    String path = name + "[" + i + "]";
                    limited.part(LimitedReader.MAX_PART, "one resource change");
                    (name.equals("resource_changes") ? plan.change(reader, path) : plan.deferred(reader, path))
                            .ifPresent(planned::add);
                    limited.stream();
                }
                reader.endArray();
            } else if (TEMPLATE_SECTIONS.contains(name)) {
                // The sections together are the template: each may take what the ones before left.
                long start = limited.position();
                limited.part(LimitedReader.MAX_PART - templateChars, "a template");
                template.add(
                        name,
                        name.equals("Resources")
                                ? resources(reader, lines, templateValues)
                                : JsonInput.read(reader, name, templateValues));
                templateChars += limited.position() - start;
                limited.stream();
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw new BadInputException(file, "is not valid JSON: unexpected data after the document");
        }
        if (names.contains("values") && !names.contains("planned_values") && !names.contains("resource_changes")) {
            throw Checker.notAPlan(file);
        }
        if (names.contains("resource_changes") || names.contains("terraform_version")) {
            return planned;
        }
        return checker.checkTemplate(file, template, lines);
    }

    /** {@code Resources}, noting the line of each logical id. */
    private static JsonElement resources(JsonReader reader, Map<String, Integer> lines, ValueBudget values)
            throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            return JsonInput.read(reader, "Resources", values);
        }
        JsonObject resources = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
            int line = line(reader);
            String id = reader.nextName();
            String path = JsonInput.path("Resources", id);
            if (resources.has(id)) {
                throw new BadInputException(path, "duplicate key");
            }
            lines.put(id, line);
            resources.add(id, JsonInput.read(reader, path, values));
        }
        reader.endObject();
        return resources;
    }

    private static final Pattern LINE = Pattern.compile(" at line (\\d+) ");

    /** The line the reader is at, from its description (Gson says where it is only there); 0 if it does not say. */
    static int line(JsonReader reader) {
        Matcher m = LINE.matcher(reader.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
