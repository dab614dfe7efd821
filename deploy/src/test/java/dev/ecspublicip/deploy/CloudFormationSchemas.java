package dev.ecspublicip.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validates resource Properties against the CloudFormation registry schemas in
 * {@code testing/src/main/resources/reference/cloudformation-schemas} (JSON Schema, draft-07 with {@code #/definitions}
 * references), as CloudFormation does before it calls the resource's handler.
 *
 * <p>An intrinsic function ({@code {Ref: ...}}, {@code {Fn::...: ...}}, {@code {Condition: ...}})
 * stands for a value known only at deploy time, so it is accepted wherever it appears: a schema error
 * located at an intrinsic, or inside one, is not reported. Everything around it is still checked.
 * Setting a read-only property (one CloudFormation reports, like {@code Arn}) is reported too.
 */
public final class CloudFormationSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The registry's own keywords (resource-provider meta-schema) carry no validation of Properties;
     * declared as such so the validator neither guesses at them nor warns about them. The last ones are
     * cfn-lint's additions to the schemas it ships (which properties exclude or require each other, how many
     * distinct items a list takes): not checked here, cfn-lint checks them on every template.
     */
    private static final List<String> REGISTRY_KEYWORDS = List.of(
            "typeName",
            "sourceUrl",
            "documentationUrl",
            "replacementStrategy",
            "taggable",
            "tagging",
            "handlers",
            "primaryIdentifier",
            "additionalIdentifiers",
            "readOnlyProperties",
            "writeOnlyProperties",
            "createOnlyProperties",
            "conditionalCreateOnlyProperties",
            "nonPublicProperties",
            "nonPublicDefinitions",
            "deprecatedProperties",
            "propertyTransform",
            "insertionOrder",
            "arrayType",
            "relationshipRef",
            "resourceLink",
            "required-properties",
            "exclusiveRequired",
            "cfnSchema",
            "cfnLint",
            "requiredOr",
            "requiredXor",
            "dependentExcluded",
            "maxUniqueItems");

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder(
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
            .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV7())
                    .keywords(REGISTRY_KEYWORDS.stream()
                            .map(NonValidationKeyword::new)
                            .toList())
                    .build())
            .build();
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();

    private final Map<String, JsonNode> documents = new HashMap<>();
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    public static Path schemaFile(String type) {
        return Reference.reference()
                .resolve("cloudformation-schemas")
                .resolve(type.toLowerCase(Locale.ROOT).replace("::", "-") + ".json");
    }

    /** Problems with one resource's Properties, each naming the property path; empty when valid. */
    public List<String> problems(String type, Map<String, Object> properties) {
        Path file = schemaFile(type);
        if (!Files.exists(file)) {
            return List.of("no registry schema for " + type + " (expected " + file + ")");
        }
        JsonNode document = documents.computeIfAbsent(type, t -> read(file));
        // Validate as the draft-07 schema it is; its $schema (the registry's meta-schema) is not fetched.
        JsonSchema schema = schemas.computeIfAbsent(type, t -> FACTORY.getSchema(withoutMetaSchema(document), CONFIG));
        JsonNode instance = JSON.valueToTree(properties);
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(instance)) {
            String location = message.getInstanceLocation().toString();
            if (!atOrInsideIntrinsic(instance, location)) {
                problems.add((location.isEmpty() ? "/" : location) + ": " + message.getError());
            }
        }
        for (JsonNode readOnly : document.path("readOnlyProperties")) {
            String[] path = readOnly.asText().split("/");
            if (path.length == 3 && instance.has(path[2])) {
                problems.add("/" + path[2] + ": is read-only (CloudFormation sets it)");
            }
        }
        return problems;
    }

    private static boolean atOrInsideIntrinsic(JsonNode root, String pointer) {
        JsonNode node = root;
        if (isIntrinsic(node)) {
            return true;
        }
        for (String segment :
                pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            String name = segment.replace("~1", "/").replace("~0", "~");
            node = node.isArray() ? node.path(Integer.parseInt(name)) : node.path(name);
            if (isIntrinsic(node)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIntrinsic(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    private static JsonNode withoutMetaSchema(JsonNode document) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = document.deepCopy();
        copy.remove("$schema");
        return copy;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
