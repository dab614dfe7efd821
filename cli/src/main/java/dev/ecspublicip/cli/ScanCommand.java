package dev.ecspublicip.cli;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.aws.AwsClients;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Rule;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import dev.ecspublicip.rule.Verdict;
import dev.ecspublicip.scan.EcsScanner;
import dev.ecspublicip.scan.LauncherScanner;
import dev.ecspublicip.scan.TaskScan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.pipes.PipesClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code scan}: the rule's verdicts for every ECS service and task set, read straight from ECS (no AWS
 * Config, nothing deployed, nothing changed), in one region, several, or every region enabled for the
 * account. Exit 0 when nothing is NON_COMPLIANT, 1 when something is (a pipeline gate), 2 for bad
 * arguments (a {@code --cluster} that does not exist among them), 4 when AWS fails (reported by
 * {@link Failures}), also when only one region of several failed: the others are reported first, the
 * failed one never passes silently. Nothing is printed on stdout before the first result. With
 * {@code --tasks} each region's running tasks are read too ({@link TaskScan}): each one holding a public
 * address is a NON_COMPLIANT row, and the summary counts the tasks read.
 */
final class ScanCommand {
    static final String NAME = "scan";
    /** At most this many regions are read at the same time. */
    static final int CONCURRENT_REGIONS = 4;

    private static final String REGION = Cli.REGION;
    private static final String ALL_REGIONS = "--all-regions";
    private static final String CLUSTER = "--cluster";
    private static final String TYPE = "--type";
    private static final String ALL_TYPES = "all";
    private static final String FORMAT = "--format";
    private static final String OUTPUT = "--output";
    private static final String RULE_PARAMETERS = "--rule-parameters";
    private static final String TASKS = "--tasks";
    private static final long PROGRESS_EVERY_MILLIS = 2_000;

    /** The command's options, for the parser, its help and completion. */
    static CommandSpec spec() {
        CommandSpec spec = Cli.command(
                NAME, "judge every ECS service and task set read from ECS itself; exit 1 if any is NON_COMPLIANT");
        spec.addOption(Cli.repeatable(
                "R",
                "a region to scan (repeatable); default: the one region of AWS_REGION or the profile",
                "-r",
                REGION));
        Cli.addProfileOption(spec);
        spec.addOption(Cli.flag(
                "scan every region enabled for the account (EC2 DescribeRegions, asked in the default region)",
                ALL_REGIONS));
        spec.addOption(Cli.repeatable(
                "NAME_OR_ARN",
                "scan only this cluster (repeatable); default: every cluster in the region",
                "-c",
                CLUSTER));
        spec.addOption(Cli.repeatable(
                "TYPE",
                "read only resources of this type (repeatable): AWS::ECS::Service, AWS::ECS::TaskSet, or a type that"
                        + " launches ECS tasks: AWS::Events::Rule (default event bus), AWS::Scheduler::Schedule,"
                        + " AWS::Pipes::Pipe, AWS::StepFunctions::StateMachine, AWS::Batch::JobDefinition; 'all' for"
                        + " every one; default: services and task sets (the launchers need their own read"
                        + " permissions, docs/iam.md)",
                "-t",
                TYPE));
        spec.addOption(Cli.choice(
                "F",
                "table is for people, with a summary line; json prints one object per line and csv one row per"
                        + " resource, the same columns, the summary on stderr",
                ScanReport.FORMATS,
                ScanReport.TABLE,
                "-f",
                FORMAT));
        spec.addOption(Cli.valued(
                "FILE", "write the results to FILE rather than stdout (the summary goes to stderr)", "-o", OUTPUT));
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

    private final PrintStream out;
    private final PrintStream err;
    private final Function<Optional<String>, EcsClient> ecsIn;
    private final Supplier<Ec2Client> ec2;
    private final Function<Optional<String>, Ec2Client> ec2In;
    private final Function<Optional<String>, LauncherScanner> launchersIn;
    private final long progressEveryMillis;

    ScanCommand(PrintStream out, PrintStream err) {
        this(
                out,
                err,
                region -> {
                    var builder = AwsClients.configure(EcsClient.builder());
                    region.ifPresent(name -> builder.region(Region.of(name)));
                    return builder.build();
                },
                () -> AwsClients.configure(Ec2Client.builder()).build(),
                region -> {
                    var builder = AwsClients.configure(Ec2Client.builder());
                    region.ifPresent(name -> builder.region(Region.of(name)));
                    return builder.build();
                },
                ScanCommand::launchers,
                PROGRESS_EVERY_MILLIS);
    }

    /** The clients of the services that launch ECS tasks, in a region (empty: the default region). */
    private static LauncherScanner launchers(Optional<String> region) {
        return new LauncherScanner(
                client(EventBridgeClient.builder(), region),
                client(SchedulerClient.builder(), region),
                client(PipesClient.builder(), region),
                client(SfnClient.builder(), region),
                client(BatchClient.builder(), region));
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, Optional<String> region) {
        B configured = AwsClients.configure(builder);
        region.ifPresent(name -> configured.region(Region.of(name)));
        return configured.build();
    }

    /** One region's ECS, whichever is asked for (tests: a stand-in). */
    ScanCommand(PrintStream out, PrintStream err, Supplier<EcsClient> clients, long progressEveryMillis) {
        this(
                out,
                err,
                region -> clients.get(),
                () -> {
                    throw new IllegalStateException("no EC2 client");
                },
                progressEveryMillis);
    }

    /**
     * @param ecsIn the ECS client of a region (empty: the default region)
     * @param ec2 the EC2 client of the default region, for the regions enabled for the account
     */
    ScanCommand(
            PrintStream out,
            PrintStream err,
            Function<Optional<String>, EcsClient> ecsIn,
            Supplier<Ec2Client> ec2,
            long progressEveryMillis) {
        this(out, err, ecsIn, ec2, region -> ec2.get(), NO_LAUNCHERS, progressEveryMillis);
    }

    /** For tests that read ECS and EC2 only. */
    private static final Function<Optional<String>, LauncherScanner> NO_LAUNCHERS = region -> {
        throw new IllegalStateException("no clients of the services that launch ECS tasks");
    };

    /** @param ec2In the EC2 client of a region, for {@code --tasks} (empty: the default region) */
    ScanCommand(
            PrintStream out,
            PrintStream err,
            Function<Optional<String>, EcsClient> ecsIn,
            Supplier<Ec2Client> ec2,
            Function<Optional<String>, Ec2Client> ec2In,
            long progressEveryMillis) {
        this(out, err, ecsIn, ec2, ec2In, NO_LAUNCHERS, progressEveryMillis);
    }

    /** @param launchersIn the clients of the services that launch ECS tasks, in a region (empty: the default) */
    ScanCommand(
            PrintStream out,
            PrintStream err,
            Function<Optional<String>, EcsClient> ecsIn,
            Supplier<Ec2Client> ec2,
            Function<Optional<String>, Ec2Client> ec2In,
            Function<Optional<String>, LauncherScanner> launchersIn,
            long progressEveryMillis) {
        this.launchersIn = launchersIn;
        this.out = out;
        this.err = err;
        this.ecsIn = ecsIn;
        this.ec2 = ec2;
        this.ec2In = ec2In;
        this.progressEveryMillis = progressEveryMillis;
    }

    int run(List<String> args) {
        return run(Cli.parse(spec(), args));
    }

    int run(ParseResult parsed) {
        TaskScan.keepConnections(); // before the first AWS call of this process
        Options options = Options.of(parsed);
        Cli.chooseProfile(parsed);
        Console console = Console.of(parsed);
        // Exemption expiries are judged on the run's time.
        Rule rule = Rules.of(options.parameters()).at(Instant.now());
        List<Optional<String>> regions = options.allRegions()
                ? enabledRegions().stream().map(Optional::of).toList()
                : options.regions().isEmpty()
                        ? List.of(Optional.<String>empty())
                        : options.regions().stream().map(Optional::of).toList();
        boolean several = regions.size() > 1;
        ScanReport report = new ScanReport(options.format(), console, regions.size(), options.tasks());
        if (!several && options.output().isEmpty()) {
            // One region to stdout: each result as soon as it is judged.
            RegionResult only = scanRegion(regions.get(0), options, rule, report, false, row -> {
                if (report.count() == 1) {
                    report.header().ifPresent(out::println);
                }
                out.println(row);
            });
            if (only.failure().isPresent()) {
                throw only.failure().get();
            }
            return finish(report, List.of(), options);
        }
        List<RegionResult> results = scanConcurrently(regions, options, rule, report, several);
        for (RegionResult result : results) {
            if (result.failure().orElse(null) instanceof BadInputException bad) {
                throw bad;
            }
        }
        List<String> lines = new ArrayList<>();
        report.header().ifPresent(lines::add);
        results.forEach(result -> lines.addAll(result.rows()));
        if (options.output().isPresent()) {
            write(options.output().get(), lines);
        } else {
            lines.forEach(out::println);
        }
        List<RegionResult> failed =
                results.stream().filter(r -> r.failure().isPresent()).toList();
        for (RegionResult region : failed) {
            String line = Failures.report(region.failure().get()).line();
            err.println(Failures.line(
                    "error: " + region.region() + ": " + line.substring("error: ".length()), Failures.MAX_AWS_LINE));
        }
        return finish(report, failed.stream().map(RegionResult::region).toList(), options);
    }

    private int finish(ScanReport report, List<String> failedRegions, Options options) {
        report.summary(failedRegions)
                .ifPresent(options.output().isPresent() || report.summaryOnStderr() ? err::println : out::println);
        if (!failedRegions.isEmpty()) {
            return Exit.AWS_FAILURE;
        }
        return report.count(Compliance.NON_COMPLIANT) > 0 || report.tasksExposed() > 0
                ? Exit.NON_COMPLIANT_FOUND
                : Exit.OK;
    }

    /** What one region gave: its name, its result lines (when buffered), or why it failed. */
    private record RegionResult(String region, List<String> rows, Optional<RuntimeException> failure) {}

    private List<RegionResult> scanConcurrently(
            List<Optional<String>> regions, Options options, Rule rule, ScanReport report, boolean several) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONCURRENT_REGIONS, regions.size()), task -> {
            Thread thread = new Thread(task, "scan-region");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RegionResult>> futures = new ArrayList<>();
            for (Optional<String> region : regions) {
                futures.add(pool.submit(() -> {
                    List<String> rows = new ArrayList<>();
                    RegionResult result = scanRegion(region, options, rule, report, several, rows::add);
                    return new RegionResult(result.region(), rows, result.failure());
                }));
            }
            List<RegionResult> results = new ArrayList<>();
            for (Future<RegionResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the scan was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Scans one region; a failure is returned, not thrown, so the other regions finish. */
    private RegionResult scanRegion(
            Optional<String> region,
            Options options,
            Rule rule,
            ScanReport report,
            boolean several,
            Consumer<String> rows) {
        String name = region.orElse("");
        long[] lastProgress = {System.nanoTime()};
        try (EcsClient ecs = ecsIn.apply(region)) {
            name = region.orElseGet(
                    () -> ecs.serviceClientConfiguration().region().id());
            String regionName = name;
            if (options.kinds().contains(ResourceKind.SERVICE)
                    || options.kinds().contains(ResourceKind.TASK_SET)) {
                scanEcs(ecs, options, rule, report, several, rows, regionName, lastProgress);
            }
            Set<ResourceKind> launcherKinds = new HashSet<>(options.kinds());
            launcherKinds.retainAll(LauncherScanner.KINDS);
            if (!launcherKinds.isEmpty()) {
                try (LauncherScanner launchers = launchersIn.apply(region)) {
                    launchers.scan(
                            launcherKinds,
                            resource -> rows.accept(report.row(regionName, resource, rule.judge(resource))));
                }
            }
            if (options.tasks()) {
                Rules tasksRule = Rules.of(options.parameters()).at(Instant.now());
                try (Ec2Client regionEc2 = ec2In.apply(region)) {
                    int read = new TaskScan(ecs, regionEc2, TaskScan.IN_FLIGHT).scan(options.clusters(), task -> {
                        Verdict verdict = tasksRule.judge(task);
                        // Tasks without a public address are counted, not listed.
                        if (verdict.compliance() == Compliance.NON_COMPLIANT) {
                            rows.accept(report.taskRow(regionName, task, verdict));
                        }
                    });
                    report.tasksRead(read);
                }
            }
            return new RegionResult(name, List.of(), Optional.empty());
        } catch (RuntimeException e) {
            return new RegionResult(name.isEmpty() ? "the default region" : name, List.of(), Optional.of(e));
        }
    }

    private void scanEcs(
            EcsClient ecs,
            Options options,
            Rule rule,
            ScanReport report,
            boolean several,
            Consumer<String> rows,
            String regionName,
            long[] lastProgress) {
        new EcsScanner(ecs)
                .scan(
                        options.clusters(),
                        resource -> {
                            if (options.kinds().contains(resource.kind())) {
                                rows.accept(report.row(regionName, resource, rule.judge(resource)));
                            }
                        },
                        (cluster, index, total, services, taskSets) -> {
                            long now = System.nanoTime();
                            if (!report.console().quiet()
                                    && (now - lastProgress[0]) / 1_000_000 >= progressEveryMillis) {
                                lastProgress[0] = now;
                                err.printf(
                                        "scan: %scluster %d/%d (%s): %d services, %d task sets so far%n",
                                        several ? regionName + ": " : "", index, total, cluster, services, taskSets);
                            }
                        });
    }

    /**
     * The regions enabled for the account, as EC2 answers in the default region: those that need no opt-in
     * and those opted in (DescribeRegions without AllRegions, and the opt-in-status filter saying so).
     */
    private List<String> enabledRegions() {
        try (Ec2Client client = ec2.get()) {
            return client
                    .describeRegions(request -> request.filters(Filter.builder()
                            .name("opt-in-status")
                            .values("opt-in-not-required", "opted-in")
                            .build()))
                    .regions()
                    .stream()
                    .map(software.amazon.awssdk.services.ec2.model.Region::regionName)
                    .sorted()
                    .toList();
        }
    }

    private static void write(String file, List<String> lines) {
        try {
            Files.write(Path.of(file), lines, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(OUTPUT, ErrorLine.quote(file) + " cannot be written: " + e.getMessage());
        }
    }

    /** The types asked for with --type; services and task sets when none is. */
    static Set<ResourceKind> kindsOf(List<String> types) {
        if (types.isEmpty()) {
            return Set.of(ResourceKind.SERVICE, ResourceKind.TASK_SET);
        }
        Set<ResourceKind> kinds = new HashSet<>();
        for (String type : types) {
            if (type.equals(ALL_TYPES)) {
                for (ResourceKind kind : ResourceKind.values()) {
                    if (kind.isEcs() || kind.isLauncher()) {
                        kinds.add(kind);
                    }
                }
                continue;
            }
            ResourceKind kind = ResourceKind.ofConfigType(type);
            if (!kind.isEcs() && !kind.isLauncher()) {
                throw new BadInputException(
                        TYPE,
                        ErrorLine.quote(type) + " is not a type scan reads: AWS::ECS::Service, AWS::ECS::TaskSet,"
                                + " AWS::Events::Rule, AWS::Scheduler::Schedule, AWS::Pipes::Pipe,"
                                + " AWS::StepFunctions::StateMachine, AWS::Batch::JobDefinition or all");
            }
            kinds.add(kind);
        }
        return Set.copyOf(kinds);
    }

    /** The scan's options; every problem is a BadInputException naming the option. */
    record Options(
            List<String> regions,
            boolean allRegions,
            List<String> clusters,
            Set<ResourceKind> kinds,
            String format,
            Optional<String> output,
            RuleParameters parameters,
            boolean tasks) {
        static Options of(ParseResult parsed) {
            String format = Cli.value(parsed, FORMAT);
            if (!ScanReport.FORMATS.contains(format)) {
                throw new BadInputException(
                        FORMAT,
                        "must be " + String.join(", ", ScanReport.FORMATS.subList(0, ScanReport.FORMATS.size() - 1))
                                + " or " + ScanReport.FORMATS.get(ScanReport.FORMATS.size() - 1) + ", got "
                                + ErrorLine.quote(format));
            }
            List<String> regions = Cli.values(parsed, REGION);
            regions.forEach(Cli::requireRegionName);
            boolean allRegions = Cli.given(parsed, ALL_REGIONS);
            if (allRegions && !regions.isEmpty()) {
                throw new BadInputException(ALL_REGIONS, "cannot be given with --region");
            }
            String parameters = Cli.value(parsed, RULE_PARAMETERS);
            return new Options(
                    List.copyOf(new java.util.LinkedHashSet<>(regions)),
                    allRegions,
                    Cli.values(parsed, CLUSTER),
                    kindsOf(Cli.values(parsed, TYPE)),
                    format,
                    Optional.ofNullable(Cli.<String>value(parsed, OUTPUT)),
                    parameters == null ? RuleParameters.NONE : RuleParametersJson.parse(parameters),
                    Cli.given(parsed, TASKS));
        }
    }
}
