package dev.ecspublicip.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ecspublicip.deploy.IamStatements.Statement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that IAM policy statements grant a set of AWS actions the way the Service Authorization
 * Reference says they must be granted: each action, and each of its dependent actions, on each resource
 * type it requires ({@code Resource: '*'} for an action that takes none), with condition keys the
 * reference lists for the action (or global {@code aws:} keys). The facts come from
 * {@code deploy/src/test/resources/iam-facts.json}, which names its source.
 */
final class IamGrants {
    static final String PARTITION = "aws";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /** One action's facts. */
    record Fact(
            List<String> resourceTypes,
            List<String> dependentActions,
            List<String> conditionKeys,
            boolean noPermissionNeeded) {}

    private final JsonObject source;
    private final Map<String, Fact> actions;
    private final Map<String, String> resourceArns;

    private IamGrants(JsonObject source, Map<String, Fact> actions, Map<String, String> resourceArns) {
        this.source = source;
        this.actions = actions;
        this.resourceArns = resourceArns;
    }

    @SuppressWarnings("unchecked")
    static IamGrants load() {
        try (InputStream in = IamGrants.class.getResourceAsStream("/iam-facts.json")) {
            JsonObject facts = JsonParser.parseString(
                            new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            Gson gson = new Gson();
            Map<String, Fact> actions = new TreeMap<>();
            facts.getAsJsonObject("actions")
                    .entrySet()
                    .forEach(e -> actions.put(e.getKey(), gson.fromJson(e.getValue(), Fact.class)));
            Map<String, String> arns = gson.fromJson(facts.getAsJsonObject("resourceArns"), Map.class);
            return new IamGrants(facts.getAsJsonObject("source"), actions, arns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonObject source() {
        return source;
    }

    Optional<Fact> fact(String action) {
        return Optional.ofNullable(actions.get(action));
    }

    /** The actions and, transitively, their dependent actions. */
    Set<String> withDependents(Set<String> called) {
        Set<String> all = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(called);
        while (!todo.isEmpty()) {
            String action = todo.pop();
            if (all.add(action)) {
                fact(action).ifPresent(f -> todo.addAll(f.dependentActions()));
            }
        }
        return all;
    }

    /** What the statements fail to grant of {@code called}; empty when they grant everything. */
    List<String> problems(Set<String> called, List<Statement> statements) {
        List<String> problems = new ArrayList<>();
        List<Statement> allows = statements.stream()
                .filter(s -> !s.trust())
                .filter(s -> "Allow".equals(s.body().get("Effect")))
                .toList();
        for (String action : withDependents(called)) {
            Optional<Fact> fact = fact(action);
            if (fact.isEmpty()) {
                problems.add(
                        action + ": no Service Authorization Reference fact in iam-facts.json; add it from the source");
                continue;
            }
            String why = called.contains(action) ? "" : " (a dependent action of " + dependentOf(action, called) + ")";
            if (fact.get().noPermissionNeeded()) {
                continue;
            }
            List<Statement> granting =
                    allows.stream().filter(s -> s.actions().contains(action)).toList();
            if (granting.isEmpty()) {
                problems.add(action + " is not granted" + why);
                continue;
            }
            for (Statement statement : granting) {
                for (String key : conditionKeys(statement)) {
                    if (!key.startsWith("aws:") && !fact.get().conditionKeys().contains(key)) {
                        problems.add(statement.where() + ": condition key " + key
                                + " is not one the reference lists for " + action);
                    }
                }
            }
            List<String> types = fact.get().resourceTypes();
            if (types.isEmpty()) {
                if (granting.stream().noneMatch(s -> s.resources().contains("*"))) {
                    problems.add(action + " takes no resource ARN, so it needs Resource '*'" + why);
                }
                continue;
            }
            List<String> required = types.stream()
                    .filter(t -> t.endsWith("*"))
                    .map(t -> t.substring(0, t.length() - 1))
                    .toList();
            if (!required.isEmpty()) {
                for (String type : required) {
                    if (!covers(granting, type)) {
                        problems.add(action + " is not granted on its resource type " + type + " (" + sampleArn(type)
                                + ")" + why);
                    }
                }
            } else if (types.stream().noneMatch(type -> covers(granting, type))) {
                problems.add(action + " is not granted on any of its resource types " + types + why);
            }
        }
        return problems;
    }

    private String dependentOf(String action, Set<String> called) {
        return String.join(
                ", ",
                called.stream()
                        .sorted()
                        .filter(c -> fact(c).map(f -> f.dependentActions().contains(action))
                                .orElse(false))
                        .toList());
    }

    private boolean covers(List<Statement> granting, String type) {
        String arn = sampleArn(type);
        return granting.stream()
                .flatMap(s -> s.resources().stream())
                .map(IamGrants::pattern)
                .flatMap(Optional::stream)
                .anyMatch(pattern -> matches(pattern, arn));
    }

    /** The resource type's ARN format with this account, region and partition, and sample names. */
    String sampleArn(String type) {
        String format = Objects.requireNonNull(resourceArns.get(type), "no ARN format for " + type);
        Matcher m = PLACEHOLDER.matcher(format);
        StringBuilder arn = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "Partition" -> PARTITION;
                case "Region" -> REGION;
                case "Account" -> ACCOUNT;
                default -> "sample" + m.group(1);
            };
            m.appendReplacement(arn, Matcher.quoteReplacement(value));
        }
        m.appendTail(arn);
        return arn.toString();
    }

    /**
     * A statement's resource as an IAM pattern: a literal, or a {@code Fn::Sub} with the pseudo parameters
     * of this account and region and any other parameter as {@code *}; empty for what cannot be resolved
     * here (e.g. {@code Fn::GetAtt}).
     */
    static Optional<String> pattern(Object resource) {
        if (resource instanceof String text) {
            return Optional.of(text);
        }
        if (resource instanceof Map<?, ?> map && map.containsKey("Fn::Sub")) {
            Object sub = map.get("Fn::Sub");
            String text = String.valueOf(sub instanceof List<?> list ? list.get(0) : sub);
            text = text.replace("${AWS::Partition}", PARTITION)
                    .replace("${AWS::Region}", REGION)
                    .replace("${AWS::AccountId}", ACCOUNT);
            return Optional.of(PLACEHOLDER.matcher(text).replaceAll("*"));
        }
        return Optional.empty();
    }

    /** IAM's ARN matching: {@code *} and {@code ?} within each of the first five segments, and in the resource. */
    static boolean matches(String pattern, String arn) {
        if (pattern.equals("*")) {
            return true;
        }
        String[] p = pattern.split(":", 6);
        String[] a = arn.split(":", 6);
        if (p.length != 6 || a.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!glob(p[i]).matcher(a[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private static Set<String> conditionKeys(Statement statement) {
        Set<String> keys = new LinkedHashSet<>();
        if (statement.body().get("Condition") instanceof Map<?, ?> condition) {
            condition.values().forEach(block -> Templates.map(block).keySet().forEach(keys::add));
        }
        return keys;
    }

    /** The one JSON policy under the heading of a documentation page, as statements. */
    static List<Statement> documentedPolicy(Path page, String heading) {
        String name = page.getParent().getFileName() + "/" + page.getFileName();
        try {
            String text = Files.readString(page);
            int at = text.indexOf("\n" + heading + "\n");
            if (at < 0) {
                throw new AssertionError(name + " has no heading '" + heading + "'");
            }
            int start = text.indexOf("```json\n", at);
            int end = text.indexOf("\n```", start + 8);
            int nextHeading = text.indexOf("\n#", at + heading.length() + 1);
            if (start < 0 || end < 0 || (nextHeading >= 0 && start > nextHeading)) {
                throw new AssertionError("no ```json block under '" + heading + "' in " + name);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> policy = new Gson().fromJson(text.substring(start + 8, end), Map.class);
            List<Statement> statements = new ArrayList<>();
            for (Object statement : Templates.list(policy.get("Statement"))) {
                statements.add(new Statement(name, heading, "policy", false, Templates.map(statement)));
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
