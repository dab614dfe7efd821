package dev.ecspublicip.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every IAM policy statement a template can create, under any combination of its conditions. */
public final class IamStatements {
    /** One statement, and where it comes from. */
    public record Statement(String template, String resource, String policy, boolean trust, Map<String, Object> body) {
        public List<String> actions() {
            return Templates.list(body.get("Action")).stream()
                    .map(String::valueOf)
                    .toList();
        }

        /** Each resource, as its literal text or, for an intrinsic, the intrinsic itself. */
        public List<Object> resources() {
            List<Object> resources = new ArrayList<>();
            for (Object resource : Templates.list(body.get("Resource"))) {
                resources.addAll(Templates.alternatives(resource));
            }
            return resources;
        }

        public String where() {
            return template + " " + resource + " " + policy + (body.get("Sid") == null ? "" : " " + body.get("Sid"));
        }
    }

    private IamStatements() {}

    public static List<Statement> of(String template) {
        List<Statement> statements = new ArrayList<>();
        Templates.resources(Templates.load(template)).forEach((id, resource) -> {
            Map<String, Object> properties = Templates.properties(resource);
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::IAM::Role" -> {
                    add(statements, template, id, "trust policy", true, properties.get("AssumeRolePolicyDocument"));
                    for (Object policy : Templates.list(properties.getOrDefault("Policies", List.of()))) {
                        for (Object alternative : Templates.alternatives(policy)) {
                            Map<String, Object> inline = Templates.map(alternative);
                            add(
                                    statements,
                                    template,
                                    id,
                                    String.valueOf(inline.get("PolicyName")),
                                    false,
                                    inline.get("PolicyDocument"));
                        }
                    }
                }
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                    add(statements, template, id, "policy", false, properties.get("PolicyDocument"));
                default -> {}
            }
        });
        return statements;
    }

    private static void add(
            List<Statement> statements,
            String template,
            String resource,
            String policy,
            boolean trust,
            Object document) {
        if (document == null) {
            return;
        }
        for (Object statement : Templates.list(Templates.map(document).get("Statement"))) {
            for (Object alternative : Templates.alternatives(statement)) {
                statements.add(new Statement(template, resource, policy, trust, Templates.map(alternative)));
            }
        }
    }
}
