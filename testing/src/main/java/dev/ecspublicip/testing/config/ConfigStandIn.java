package dev.ecspublicip.testing.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn;
import dev.ecspublicip.testing.protocol.StandInClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.ConfigClientBuilder;

/**
 * A loopback stand-in of AWS Config. PutEvaluations is accepted by default and additionally checked
 * for what the API model cannot express but Config enforces on custom rules: only COMPLIANT,
 * NON_COMPLIANT and NOT_APPLICABLE, annotations of 1 to 256 characters.
 */
public class ConfigStandIn extends JsonProtocolStandIn {
    private static final Set<String> PUTTABLE = Set.of("COMPLIANT", "NON_COMPLIANT", "NOT_APPLICABLE");
    private final List<String> ruleViolations = new ArrayList<>();

    public ConfigStandIn() {
        super("config");
        on("PutEvaluations", this::acceptEvaluations);
    }

    /** The default answer to PutEvaluations: every evaluation accepted, after the checks Config makes. */
    protected Reply acceptEvaluations(Call call) {
        checkEvaluations(call.body());
        return Reply.ok(failedEvaluations(new JsonArray()));
    }

    /**
     * A real SDK client talking to this stand-in, its builder configured by {@code configuration} as the
     * code under test configures its own ({@code AwsClients::configure}).
     */
    public ConfigClient client(UnaryOperator<ConfigClientBuilder> configuration) {
        return client(endpoint(), configuration);
    }

    public static ConfigClient client(URI endpoint, UnaryOperator<ConfigClientBuilder> configuration) {
        return StandInClients.client(ConfigClient.builder(), configuration, endpoint);
    }

    /** The evaluations of every PutEvaluations call, in the order received. */
    public List<JsonObject> evaluationsPut() {
        List<JsonObject> all = new ArrayList<>();
        for (Call call : calls("PutEvaluations")) {
            JsonArray evaluations = call.body().getAsJsonArray("Evaluations");
            if (evaluations != null) {
                evaluations.forEach(e -> all.add(e.getAsJsonObject()));
            }
        }
        return all;
    }

    public static JsonObject failedEvaluations(JsonArray failed) {
        JsonObject body = new JsonObject();
        body.add("FailedEvaluations", failed);
        return body;
    }

    /**
     * A rule as DescribeConfigRules lists it: its name and its source, the owner and what the rule runs
     * (for a custom Lambda rule, the function's ARN); no {@code Source} when {@code owner} is null.
     */
    public static JsonObject configRule(String name, String owner, String sourceIdentifier) {
        JsonObject rule = new JsonObject();
        rule.addProperty("ConfigRuleName", name);
        if (owner != null) {
            JsonObject source = new JsonObject();
            source.addProperty("Owner", owner);
            source.addProperty("SourceIdentifier", sourceIdentifier);
            rule.add("Source", source);
        }
        return rule;
    }

    /** DescribeConfigRules' answer: these rules. */
    public static Reply describedRules(List<JsonObject> rules) {
        JsonArray listed = new JsonArray();
        rules.forEach(listed::add);
        JsonObject body = new JsonObject();
        body.add("ConfigRules", listed);
        return Reply.ok(body);
    }

    @Override
    public void assertNoViolations() {
        super.assertNoViolations();
        synchronized (ruleViolations) {
            if (!ruleViolations.isEmpty()) {
                throw new AssertionError("evaluations AWS Config rejects from a custom rule: " + ruleViolations);
            }
        }
    }

    private void checkEvaluations(JsonObject body) {
        JsonArray evaluations = body.getAsJsonArray("Evaluations");
        if (evaluations == null) {
            return;
        }
        for (JsonElement element : evaluations) {
            JsonObject evaluation = element.getAsJsonObject();
            String type = evaluation.get("ComplianceType").getAsString();
            synchronized (ruleViolations) {
                if (!PUTTABLE.contains(type)) {
                    ruleViolations.add("ComplianceType " + type);
                }
                if (evaluation.has("Annotation")) {
                    int length = evaluation.get("Annotation").getAsString().length();
                    if (length < 1 || length > 256) {
                        ruleViolations.add("Annotation of " + length + " characters");
                    }
                }
            }
        }
    }
}
