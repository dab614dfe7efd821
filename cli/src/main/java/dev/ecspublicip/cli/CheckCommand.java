package dev.ecspublicip.cli;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.check.Checker;
import dev.ecspublicip.check.Report;
import dev.ecspublicip.check.TableReport;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code check}: the rule's verdicts for the ECS services and task sets in CloudFormation templates and
 * Terraform plans, before anything is deployed (no AWS call). Every file is read and judged before
 * anything is written: exit 0 when nothing is NON_COMPLIANT, 1 when something is, 2 when a file or an
 * argument cannot be read (one line on stderr, nothing on stdout, no report file).
 */
final class CheckCommand {
    static final String NAME = "check";
    private static final String FORMAT = "--format";
    private static final String OUTPUT = "--output";
    private static final String RULE_PARAMETERS = "--rule-parameters";
    private static final String PARAMETER = "--parameter";

    /** The command's options, for the parser, its help and completion. */
    static CommandSpec spec() {
        CommandSpec spec = Cli.command(
                NAME,
                "judge CloudFormation templates and Terraform plans before deployment; exit 1 if any is"
                        + " NON_COMPLIANT");
        spec.addOption(OptionSpec.builder("-f", FORMAT)
                .paramLabel("F")
                .type(List.class)
                .auxiliaryTypes(String.class)
                .arity("1")
                .completionCandidates(Report.names())
                .description("table (default) is for people, with a summary line; json prints one object per line;"
                        + " sarif for code scanning; junit for test reports (" + String.join(", ", Report.names())
                        + "); repeatable, the Nth --output takes the Nth --format")
                .build());
        spec.addOption(Cli.repeatable(
                "FILE",
                "write the report of the --format in the same position to FILE rather than stdout (the summary"
                        + " goes to stderr); repeatable",
                "-o",
                OUTPUT));
        spec.addOption(Cli.valued(
                "JSON",
                "the rule's parameters as Config passes them, e.g. '{\"exemptionTagKey\":\"k\"}'",
                RULE_PARAMETERS));
        spec.addOption(Cli.repeatable(
                "KEY=VALUE",
                "a template parameter's value, or a pseudo parameter's (AWS::Region=eu-west-1); repeatable",
                PARAMETER));
        spec.addPositional(Cli.arguments(
                "FILE",
                "a CloudFormation template (YAML or JSON) or a Terraform plan (JSON); a directory, searched for"
                        + " *.yaml, *.yml, *.json and *.template; - for standard input"));
        return spec;
    }

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        return run(Cli.parse(spec(), args));
    }

    int run(ParseResult parsed) {
        Checker.Run run;
        Options options;
        try {
            options = Options.of(parsed);
            Checker checker = new Checker(options.ruleParameters(), options.parameters());
            run = checker.checkArguments(options.files(), in);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever else stopped the check is about the input (check calls no AWS); exit 1 only ever
            // means NON_COMPLIANT.
            throw new BadInputException("check", "cannot check: " + e.getMessage());
        }
        Console console = Console.of(parsed);
        boolean summarized = false;
        for (Map.Entry<Report, String> report : options.reports()) {
            if (report.getValue() != null) {
                writeFile(report.getKey(), run, report.getValue());
            } else if (report.getKey() == Report.TABLE) {
                writeTable(run, console);
                summarized = true;
            } else {
                write(report.getKey(), run, out);
            }
        }
        if (!summarized && !console.quiet()) {
            err.println(Report.summary(run));
        }
        return run.results().stream().anyMatch(r -> r.verdict().compliance() == Compliance.NON_COMPLIANT)
                ? Exit.NON_COMPLIANT_FOUND
                : Exit.OK;
    }

    /** The table on stdout: verdicts colored on a terminal; with --quiet only the rows. */
    private void writeTable(Checker.Run run, Console console) {
        try {
            TableReport.write(run, out, compliance -> console.verdict(compliance, 14), console.quiet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static void write(Report report, Checker.Run run, PrintStream to) {
        try {
            report.write(run, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        to.flush();
    }

    private static void writeFile(Report report, Checker.Run run, String file) {
        try (Writer to = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8)) {
            report.write(run, to);
        } catch (IOException | InvalidPathException e) {
            throw new BadInputException(OUTPUT + " " + file, "cannot be written: " + e.getMessage());
        }
    }

    /**
     * The options and files; every problem is a BadInputException naming the option.
     *
     * @param reports each format with the file it goes to, or null for stdout
     */
    record Options(
            List<Map.Entry<Report, String>> reports,
            RuleParameters ruleParameters,
            Map<String, String> parameters,
            List<String> files) {
        static Options of(ParseResult parsed) {
            List<String> formats = Cli.values(parsed, FORMAT);
            List<String> outputs = Cli.values(parsed, OUTPUT);
            if (formats.isEmpty()) {
                formats = List.of("table");
            }
            if (outputs.size() > formats.size()) {
                throw new BadInputException(
                        OUTPUT,
                        "is given " + outputs.size() + " times for " + formats.size()
                                + " --format; give a --format for each --output");
            }
            List<Map.Entry<Report, String>> reports = new ArrayList<>();
            int toStdout = 0;
            for (int i = 0; i < formats.size(); i++) {
                Report report;
                try {
                    report = Report.named(formats.get(i));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(
                            FORMAT,
                            "must be " + String.join(", ", Report.names()) + ", got "
                                    + ErrorLine.quote(formats.get(i)));
                }
                String output = i < outputs.size() ? outputs.get(i) : null;
                if (output == null && ++toStdout > 1) {
                    throw new BadInputException(
                            FORMAT, "gives more than one report for stdout; give --output FILE for the others");
                }
                reports.add(new AbstractMap.SimpleImmutableEntry<>(report, output));
            }
            String ruleParameters = Cli.value(parsed, RULE_PARAMETERS);
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String value : Cli.values(parsed, PARAMETER)) {
                int equals = value.indexOf('=');
                if (equals < 1) {
                    throw new BadInputException(PARAMETER, ErrorLine.quote(value) + " is not KEY=VALUE");
                }
                parameters.put(value.substring(0, equals), value.substring(equals + 1));
            }
            List<String> files = Cli.arguments(parsed);
            if (files.isEmpty()) {
                throw new BadInputException(
                        NAME, "needs at least one FILE (usage: " + Cli.synopsis(parsed.commandSpec()) + ")");
            }
            return new Options(
                    List.copyOf(reports),
                    ruleParameters == null ? RuleParameters.NONE : RuleParametersJson.parse(ruleParameters),
                    parameters,
                    files);
        }
    }
}
