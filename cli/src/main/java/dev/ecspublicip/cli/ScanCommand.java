package dev.ecspublicip.cli;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.RunningTask;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Rule;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import dev.ecspublicip.scan.EcsScanner;
import dev.ecspublicip.scan.TaskScan;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@code scan}: the rule's verdicts for every ECS service and task set, read straight from ECS (no AWS
 * Config, nothing deployed, nothing changed). Exit 0 when nothing is NON_COMPLIANT, 1 when something is
 * (a pipeline gate), 2 for bad arguments (a {@code --cluster} that does not exist among them), 4 when AWS
 * fails (reported by {@link Failures}). Nothing is printed on stdout before the first result. With
 * {@code --tasks} it then reads the running tasks ({@link TaskScan}) and prints each one that holds a
 * public address as a NON_COMPLIANT row; the summary counts the tasks read.
 */
final class ScanCommand {
    static final String NAME = "scan";
    private static final String CLUSTER = "--cluster";
    private static final String FORMAT = "--format";
    private static final String RULE_PARAMETERS = "--rule-parameters";
    private static final String TASKS = "--tasks";

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
        spec.addOption(Cli.flag(
                "also read the running tasks and report each one holding a public IPv4 address, or an IPv6"
                        + " address its subnet routes to an internet gateway (type AWS::ECS::Task)",
                TASKS));
        return spec;
    }

    private static final long PROGRESS_EVERY_MILLIS = 2_000;

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<EcsClient> clients;
    private final Supplier<Ec2Client> ec2Clients;
    private final long progressEveryMillis;
    private TaskCounts tasks = new TaskCounts(0, 0);
    private boolean headerPrinted;

    ScanCommand(PrintStream out, PrintStream err) {
        this(
                out,
                err,
                () -> AwsClients.configure(EcsClient.builder()).build(),
                () -> AwsClients.configure(Ec2Client.builder()).build(),
                PROGRESS_EVERY_MILLIS);
    }

    ScanCommand(PrintStream out, PrintStream err, Supplier<EcsClient> clients, long progressEveryMillis) {
        this(
                out,
                err,
                clients,
                () -> {
                    throw new IllegalStateException("no EC2 client for --tasks");
                },
                progressEveryMillis);
    }

    ScanCommand(
            PrintStream out,
            PrintStream err,
            Supplier<EcsClient> clients,
            Supplier<Ec2Client> ec2Clients,
            long progressEveryMillis) {
        this.out = out;
        this.err = err;
        this.clients = clients;
        this.ec2Clients = ec2Clients;
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
                                header(options, counts);
                                counts.merge(verdict.compliance(), 1, Integer::sum);
                                out.println(
                                        options.json()
                                                ? json(resource.resourceType(), resource.resourceId(), verdict)
                                                : row(kind(resource), resource.resourceId(), verdict));
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
            if (options.tasks()) {
                tasks = scanTasks(ecs, options, counts);
            }
        }
        String summary = summary(counts) + (options.tasks() ? tasks.summary() : "");
        (options.json() ? err : out).println(summary);
        return counts.getOrDefault(Compliance.NON_COMPLIANT, 0) > 0 || tasks.exposed() > 0
                ? Exit.NON_COMPLIANT_FOUND
                : Exit.OK;
    }

    /** How many running tasks were read, and how many hold a public address (each printed as it is found). */
    private record TaskCounts(int read, int exposed) {
        String summary() {
            return "; read " + read + " running task(s): " + exposed + " NON_COMPLIANT (holding a public address)";
        }
    }

    private TaskCounts scanTasks(EcsClient ecs, Options options, Map<Compliance, Integer> counts) {
        Rules rules = Rules.of(options.parameters()).at(Instant.now());
        int[] exposed = {0};
        try (Ec2Client ec2 = ec2Clients.get()) {
            int read = new TaskScan(ecs, ec2, TaskScan.IN_FLIGHT).scan(options.clusters(), task -> {
                Verdict verdict = rules.judge(task);
                if (verdict.compliance() == Compliance.NON_COMPLIANT) {
                    header(options, counts);
                    exposed[0]++;
                    out.println(
                            options.json()
                                    ? json(RunningTask.RESOURCE_TYPE, task.taskArn(), verdict)
                                    : row("task", task.taskArn(), verdict));
                }
            });
            return new TaskCounts(read, exposed[0]);
        }
    }

    private void header(Options options, Map<Compliance, Integer> counts) {
        if (!options.json() && !headerPrinted) {
            out.printf("%-14s %-9s %s  %s%n", "VERDICT", "TYPE", "RESOURCE", "DETAIL");
        }
        headerPrinted = true;
    }

    private static String kind(EcsResource resource) {
        return resource.kind() == ResourceKind.TASK_SET ? "task set" : "service";
    }

    private static String row(String kind, String id, Verdict verdict) {
        return String.format("%-14s %-9s %s  %s", verdict.compliance(), kind, id, verdict.annotation());
    }

    /** One JSON object per line, keys as in PutEvaluations; resources are identified by their ARN. */
    private static String json(String type, String id, Verdict verdict) {
        JsonObject line = new JsonObject();
        line.addProperty("ComplianceResourceType", type);
        line.addProperty("ComplianceResourceId", id);
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
    record Options(List<String> clusters, boolean json, RuleParameters parameters, boolean tasks) {
        static Options of(ParseResult parsed) {
            String format = Cli.value(parsed, FORMAT);
            if (!format.equals("table") && !format.equals("json")) {
                throw new BadInputException(FORMAT, "must be table or json, got " + ErrorLine.quote(format));
            }
            String parameters = Cli.value(parsed, RULE_PARAMETERS);
            return new Options(
                    Cli.values(parsed, CLUSTER),
                    format.equals("json"),
                    parameters == null ? RuleParameters.NONE : RuleParametersJson.parse(parameters),
                    Cli.given(parsed, TASKS));
        }
    }
}
