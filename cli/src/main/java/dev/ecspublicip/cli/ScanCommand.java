package dev.ecspublicip.cli;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Rule;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import dev.ecspublicip.scan.EcsScanner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@code scan}: the rule's verdicts for every ECS service and task set, read straight from ECS (no AWS
 * Config, nothing deployed, nothing changed). Exit 0 when nothing is NON_COMPLIANT, 1 when something is
 * (a pipeline gate), 2 for bad arguments (a {@code --cluster} that does not exist among them), 4 when AWS
 * fails (reported by {@link Failures}). Nothing is printed on stdout before the first result.
 */
final class ScanCommand {
    static final String NAME = "scan";
    private static final String CLUSTER = "--cluster";
    private static final String FORMAT = "--format";
    private static final String RULE_PARAMETERS = "--rule-parameters";

    /** The command's options, for the parser, its help and completion. */
    static CommandSpec spec() {
        CommandSpec spec = Cli.command(
                NAME, "judge every ECS service and task set read from ECS itself; exit 1 if any is NON_COMPLIANT");
        Cli.addAwsOptions(spec);
        spec.addOption(Cli.repeatable(
                "NAME_OR_ARN",
                "scan only this cluster (repeatable); default: every cluster in the region",
                "-c",
                CLUSTER));
        spec.addOption(Cli.choice(
                "F",
                "table is for people, with a summary line; json prints one object per line, the summary on stderr",
                List.of("table", "json"),
                "table",
                "-f",
                FORMAT));
        spec.addOption(Cli.valued(
                "JSON",
                "the rule's parameters as Config passes them, e.g. '{\"exemptionTagKey\":\"k\"}'",
                RULE_PARAMETERS));
        return spec;
    }

    private static final long PROGRESS_EVERY_MILLIS = 2_000;

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<EcsClient> clients;
    private final long progressEveryMillis;

    ScanCommand(PrintStream out, PrintStream err) {
        this(out, err, () -> AwsClients.configure(EcsClient.builder()).build(), PROGRESS_EVERY_MILLIS);
    }

    ScanCommand(PrintStream out, PrintStream err, Supplier<EcsClient> clients, long progressEveryMillis) {
        this.out = out;
        this.err = err;
        this.clients = clients;
        this.progressEveryMillis = progressEveryMillis;
    }

    int run(List<String> args) {
        return run(Cli.parse(spec(), args));
    }

    int run(ParseResult parsed) {
        Cli.chooseAws(parsed);
        Options options = Options.of(parsed);
        Rule rule = Rules.of(options.parameters());
        Map<Compliance, Integer> counts = new EnumMap<>(Compliance.class);
        long started = System.nanoTime();
        long[] lastProgress = {started};
        try (EcsClient ecs = clients.get()) {
            new EcsScanner(ecs)
                    .scan(
                            options.clusters(),
                            resource -> {
                                Verdict verdict = rule.judge(resource);
                                if (!options.json() && counts.isEmpty()) {
                                    out.printf("%-14s %-9s %s  %s%n", "VERDICT", "TYPE", "RESOURCE", "DETAIL");
                                }
                                counts.merge(verdict.compliance(), 1, Integer::sum);
                                out.println(options.json() ? json(resource, verdict) : row(resource, verdict));
                            },
                            (cluster, index, total, services, taskSets) -> {
                                long now = System.nanoTime();
                                if ((now - lastProgress[0]) / 1_000_000 >= progressEveryMillis) {
                                    lastProgress[0] = now;
                                    err.printf(
                                            "scan: cluster %d/%d (%s): %d services, %d task sets so far%n",
                                            index, total, cluster, services, taskSets);
                                }
                            });
        }
        String summary = summary(counts);
        (options.json() ? err : out).println(summary);
        return counts.getOrDefault(Compliance.NON_COMPLIANT, 0) > 0 ? Exit.NON_COMPLIANT_FOUND : Exit.OK;
    }

    private static String row(EcsResource resource, Verdict verdict) {
        return String.format(
                "%-14s %-9s %s  %s",
                verdict.compliance(),
                resource.kind() == ResourceKind.TASK_SET ? "task set" : "service",
                resource.resourceId(),
                verdict.annotation());
    }

    /** One JSON object per line, keys as in PutEvaluations; resources are identified by their ARN. */
    private static String json(EcsResource resource, Verdict verdict) {
        JsonObject line = new JsonObject();
        line.addProperty("ComplianceResourceType", resource.resourceType());
        line.addProperty("ComplianceResourceId", resource.resourceId());
        line.addProperty("ComplianceType", verdict.compliance().name());
        line.addProperty("Annotation", verdict.annotation());
        return line.toString();
    }

    private static String summary(Map<Compliance, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<String> parts = new ArrayList<>();
        for (Compliance compliance : Compliance.values()) {
            parts.add(counts.getOrDefault(compliance, 0) + " " + compliance);
        }
        return "scanned " + total + " service(s) and task set(s): " + String.join(", ", parts);
    }

    /** The scan's options; every problem is a BadInputException naming the option. */
    record Options(List<String> clusters, boolean json, RuleParameters parameters) {
        static Options of(ParseResult parsed) {
            String format = Cli.value(parsed, FORMAT);
            if (!format.equals("table") && !format.equals("json")) {
                throw new BadInputException(FORMAT, "must be table or json, got " + ErrorLine.quote(format));
            }
            String parameters = Cli.value(parsed, RULE_PARAMETERS);
            return new Options(
                    Cli.values(parsed, CLUSTER),
                    format.equals("json"),
                    parameters == null ? RuleParameters.NONE : RuleParametersJson.parse(parameters));
        }
    }
}
