package dev.ecspublicip.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.testing.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The service control policy: one document, kept as plain JSON and as the template's policy content;
 * it denies the actions that take {@code ecs:auto-assign-public-ip} when the key says a public IP would
 * be assigned, unless the caller is tagged as exempt; it affects nobody until attached.
 */
class ServiceControlPolicyTest {
    static final String POLICY_JSON = "deploy/service-control-policy.json";

    private static Map<String, Object> template() {
        return Templates.load(Templates.SERVICE_CONTROL_POLICY);
    }

    private static Map<String, Object> policy() {
        return Templates.properties(Templates.resources(template()).get("DenyEcsPublicIpsPolicy"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json() throws IOException {
        return new Gson().fromJson(Files.readString(Reference.projectDir().resolve(POLICY_JSON)), Map.class);
    }

    private static JsonObject keyFacts() throws IOException {
        try (InputStream in = ServiceControlPolicyTest.class.getResourceAsStream("/iam-facts.json")) {
            return JsonParser.parseString(new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject()
                    .getAsJsonObject("conditionKeys")
                    .getAsJsonObject("ecs:auto-assign-public-ip");
        }
    }

    @Test
    void theJsonFileAndTheTemplatesContentAreOneDocument() throws IOException {
        assertEquals(
                new Gson().toJsonTree(json()),
                new Gson().toJsonTree(policy().get("Content")),
                POLICY_JSON + " and the template's Content must be the same policy");
        assertEquals("SERVICE_CONTROL_POLICY", policy().get("Type"));
    }

    @Test
    void itDeniesExactlyTheActionsTheReferenceListsForTheKey() throws IOException {
        List<Object> statements = Templates.list(json().get("Statement"));
        assertEquals(1, statements.size());
        Map<String, Object> deny = Templates.map(statements.get(0));
        assertEquals("Deny", deny.get("Effect"));
        assertEquals("*", deny.get("Resource"));
        List<String> keyed = keyFacts().getAsJsonArray("actions").asList().stream()
                .map(a -> a.getAsString())
                .toList();
        assertEquals(keyed, deny.get("Action"));
        for (String action : keyed) {
            assertTrue(
                    IamGrants.load().fact(action).orElseThrow().conditionKeys().contains("ecs:auto-assign-public-ip"),
                    action);
        }
    }

    /**
     * The key is a Bool ("true" for ENABLED). A request without network configuration carries no key:
     * plain Bool does not match it, so it is not denied (BoolIfExists would deny every such UpdateService).
     * A principal without the tag: a negated operator on a missing key is true, so it is denied.
     */
    @Test
    void itDeniesAPublicIpUnlessTheCallerIsTaggedExemptAndLeavesRequestsWithoutTheKeyAlone() throws IOException {
        assertEquals("Bool", keyFacts().get("type").getAsString());
        Map<String, Object> deny =
                Templates.map(Templates.list(json().get("Statement")).get(0));
        assertEquals(
                Map.of(
                        "Bool", Map.of("ecs:auto-assign-public-ip", "true"),
                        "StringNotEquals", Map.of("aws:PrincipalTag/ecs-public-ip-exempt", "true")),
                deny.get("Condition"));
    }

    @Test
    void itIsAttachedNowhereUnlessTargetsAreGiven() {
        Map<String, Object> template = template();
        Map<String, Object> defaults = Templates.parameterValues(template, Map.of());
        assertFalse(
                Templates.map(Templates.resolve(policy(), template, defaults)).containsKey("TargetIds"));
        Map<String, Object> attached =
                Templates.parameterValues(template, Map.of("AttachToTargetIds", "ou-ab12-cdefgh34,111122223333"));
        assertEquals(
                Map.of("Fn::Split", List.of(",", "ou-ab12-cdefgh34,111122223333")),
                Templates.map(Templates.resolve(policy(), template, attached)).get("TargetIds"));
    }

    @Test
    void theRemediationRoleMayOnlyTurnServicesPublicIpsOff() {
        for (var statement : IamGrantsTest.role(Templates.RULE_TEMPLATE, "RemediationFunctionRole")) {
            if (statement.actions().contains("ecs:UpdateService")) {
                assertEquals(List.of("ecs:UpdateService"), statement.actions(), statement.where());
                assertEquals(
                        Map.of("Bool", Map.of("ecs:auto-assign-public-ip", "false")),
                        statement.body().get("Condition"),
                        statement.where());
            }
        }
    }
}
