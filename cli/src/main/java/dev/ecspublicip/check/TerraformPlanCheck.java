package dev.ecspublicip.check;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.config.JsonInput;
import dev.ecspublicip.resource.UnresolvedValue;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Terraform plan in its JSON form ({@code terraform show -json plan.out}), read one resource change at a
 * time: every resource of a type {@link PlanResourceTypes} judges that the plan creates or updates (a
 * replacement too; deletions, no-ops, reads and forgets are skipped), named by its address. Of a change only
 * {@code actions}, {@code after} and {@code after_unknown} are read into a tree, and of another type's change
 * nothing, so a plan of any size is read in the memory of its largest change.
 *
 * <p>Fails closed: an action word this check does not know, and a change Terraform deferred to a later plan
 * ({@code deferred_changes}), are judged as a network known only later.
 */
final class TerraformPlanCheck {
    /** The action words of Terraform's JSON plan format (https://developer.hashicorp.com/terraform/internals/json-format). */
    private static final Set<String> ACTIONS = Set.of("no-op", "create", "read", "update", "delete", "forget");

    private final Checker checker;
    private final String file;

    /** What a resource change says, as far as the check reads it. */
    private record Change(
            String address, int line, String type, JsonElement actions, JsonElement after, JsonElement unknown) {}

    TerraformPlanCheck(Checker checker, String file) {
        this.checker = checker;
        this.file = file;
    }

    /** One element of {@code resource_changes}, judged when it is a resource of a judged type created or updated. */
    Optional<CheckedResource> change(JsonReader reader, String path) throws IOException {
        Change change = readChange(reader, path);
        return change == null ? Optional.empty() : judge(change, path, Optional.empty());
    }

    /** One element of {@code deferred_changes}: its resource's network is known only in a later plan. */
    Optional<CheckedResource> deferred(JsonReader reader, String path) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new BadInputException(path, "must be an object, got " + JsonInput.kind(reader.peek()));
        }
        Set<String> names = new HashSet<>();
        String reason = "";
        Change change = null;
        reader.beginObject();
        while (reader.hasNext()) {
            String name = name(reader, names, path);
            if (name.equals("reason") && reader.peek() == JsonToken.STRING) {
                reason = reader.nextString();
            } else if (name.equals("resource_change")) {
                change = readChange(reader, path + ".resource_change");
            } else {
                reader.skipValue();
            }
        }
        reader.endObject();
        if (change == null) {
            return Optional.empty();
        }
        String why = "deferred by Terraform" + (reason.isEmpty() ? "" : " (" + reason + ")")
                + ", known only in a later plan";
        return judge(change, path + ".resource_change", Optional.of(new UnresolvedValue("change", why)));
    }

    /** The change, or null when it is of a type not judged (then nothing of it but its type is kept). */
    private static Change readChange(JsonReader reader, String path) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new BadInputException(path, "must be an object, got " + JsonInput.kind(reader.peek()));
        }
        Set<String> names = new HashSet<>();
        String address = null;
        int line = 0;
        String type = null;
        String mode = "managed";
        boolean hasChange = false;
        JsonElement[] body = null;
        reader.beginObject();
        while (reader.hasNext()) {
            String name = name(reader, names, path);
            switch (name) {
                case "address" -> {
                    line = JsonDocumentCheck.line(reader);
                    address = string(reader, path + ".address");
                }
                case "type" -> type = string(reader, path + ".type");
                case "mode" -> mode = string(reader, path + ".mode");
                case "change" -> {
                    hasChange = true;
                    if (type != null && PlanResourceTypes.of(type).isEmpty()) {
                        reader.skipValue();
                    } else {
                        body = readBody(reader, path + ".change");
                    }
                }
                default -> reader.skipValue();
            }
        }
        reader.endObject();
        if (type == null || PlanResourceTypes.of(type).isEmpty() || !"managed".equals(mode)) {
            return null;
        }
        if (address == null || address.isEmpty()) {
            throw new BadInputException(path + ".address", "is missing");
        }
        if (!hasChange) {
            throw new BadInputException(path + ".change", "is missing");
        }
        return body == null ? null : new Change(address, line, type, body[0], body[1], body[2]);
    }

    /** {@code actions}, {@code after} and {@code after_unknown} of a change (null when absent); the rest is skipped unread. */
    private static JsonElement[] readBody(JsonReader reader, String path) throws IOException {
        if (reader.peek() != JsonToken.BEGIN_OBJECT) {
            throw new BadInputException(path, "must be an object, got " + JsonInput.kind(reader.peek()));
        }
        JsonElement[] body = new JsonElement[3];
        Set<String> names = new HashSet<>();
        reader.beginObject();
        while (reader.hasNext()) {
            String member = name(reader, names, path);
            switch (member) {
                case "actions" -> body[0] = JsonInput.read(reader, path + ".actions", LimitedReader.MAX_PART_VALUES);
                case "after" -> body[1] = JsonInput.read(reader, path + ".after", LimitedReader.MAX_PART_VALUES);
                case "after_unknown" ->
                    body[2] = JsonInput.read(reader, path + ".after_unknown", LimitedReader.MAX_PART_VALUES);
                default -> reader.skipValue();
            }
        }
        reader.endObject();
        return body;
    }

    private Optional<CheckedResource> judge(Change change, String path, Optional<UnresolvedValue> deferred) {
        String changePath = path + ".change";
        List<String> actions = strings(change.actions(), changePath + ".actions");
        Optional<String> unknownAction =
                actions.stream().filter(a -> !ACTIONS.contains(a)).findFirst();
        Optional<UnresolvedValue> whole = deferred.or(() -> unknownAction.map(action -> new UnresolvedValue(
                "change", "planned with the action " + ErrorLine.quote(action) + ", which check does not know")));
        if (whole.isEmpty() && !actions.contains("create") && !actions.contains("update")) {
            return Optional.empty();
        }
        JsonObject after = object(change.after(), changePath + ".after", whole.isEmpty());
        JsonObject unknown = object(change.unknown(), changePath + ".after_unknown", false);
        PlanResourceType type = PlanResourceTypes.of(change.type()).orElseThrow();
        return Optional.of(new CheckedResource(
                file,
                change.address(),
                change.type(),
                checker.rule()
                        .judge(type.read(new PlanResourceType.PlannedChange(
                                change.address(), after, unknown, changePath + ".after", checker.location(), whole))),
                change.line()));
    }

    /** An object, or an empty one where the value may be absent ({@code after_unknown}, or {@code after} of a change not read). */
    private static JsonObject object(JsonElement value, String path, boolean required) {
        if (value == null || value.isJsonNull() || (!required && !value.isJsonObject())) {
            if (required) {
                throw new BadInputException(path, "is missing");
            }
            return new JsonObject();
        }
        if (!value.isJsonObject()) {
            throw new BadInputException(path, "must be an object, got " + JsonInput.kind(value));
        }
        return value.getAsJsonObject();
    }

    private static String name(JsonReader reader, Set<String> names, String path) throws IOException {
        String name = reader.nextName();
        if (!names.add(name)) {
            throw new BadInputException(JsonInput.path(path, name), "duplicate key");
        }
        return name;
    }

    private static String string(JsonReader reader, String path) throws IOException {
        switch (reader.peek()) {
            case STRING -> {
                return reader.nextString();
            }
            case NULL -> {
                reader.nextNull();
                return null;
            }
            default -> throw new BadInputException(path, "must be a string, got " + JsonInput.kind(reader.peek()));
        }
    }

    private static List<String> strings(JsonElement value, String path) {
        if (value == null || !value.isJsonArray()) {
            throw new BadInputException(path, "must be a list of actions, got " + JsonInput.kind(value));
        }
        JsonArray array = value.getAsJsonArray();
        String[] result = new String[array.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(array.get(i) instanceof JsonPrimitive p) || !p.isString()) {
                throw new BadInputException(path, "must hold strings, got " + JsonInput.kind(array.get(i)));
            }
            result[i] = p.getAsString();
        }
        return List.of(result);
    }
}
