package dev.ecspublicip.cli;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.check.CheckedResource;
import dev.ecspublicip.check.Checker;
import dev.ecspublicip.check.TableReport;
import dev.ecspublicip.config.RuleParametersJson;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.RuleParameters;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code check}: the rule's verdicts for the ECS services and task sets in CloudFormation templates and
 * Terraform plans, before anything is deployed (no AWS call). Every file is read and judged before
 * anything is printed: exit 0 when nothing is NON_COMPLIANT, 1 when something is, 2 when a file or an
 * argument cannot be read (one line on stderr, nothing on stdout).
 */
final class CheckCommand {
    static final String NAME = "check";
    private static final String FORMAT = "--format";
    private static final String RULE_PARAMETERS = "--rule-parameters";
    private static final String PARAMETER = "--parameter";

    /** The command's options, for the parser, its help and completion. */
    static CommandSpec spec() {
        CommandSpec spec = Cli.command(
                NAME,
                "judge CloudFormation templates and Terraform plans before deployment; exit 1 if any is"
                        + " NON_COMPLIANT");
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
        spec.addOption(Cli.repeatable(
                "KEY=VALUE",
                "a template parameter's value, or a pseudo parameter's (AWS::Region=eu-west-1); repeatable",
                PARAMETER));
        spec.addPositional(
                Cli.arguments("FILE", "a CloudFormation template (YAML or JSON) or a Terraform plan (JSON)"));
        return spec;
    }

    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        return run(Cli.parse(spec(), args));
    }

    int run(ParseResult parsed) {
        List<CheckedResource> results = new ArrayList<>();
        Options options;
        try {
            options = Options.of(parsed);
            Checker checker = new Checker(options.ruleParameters(), options.parameters());
            results.addAll(checker.checkFiles(options.files()));
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever else stopped the check is about the input (check calls no AWS); exit 1 only ever
            // means NON_COMPLIANT.
            throw new BadInputException("check", "cannot check: " + e.getMessage());
        }
        Console console = Console.of(parsed);
        Map<Compliance, Integer> counts = new EnumMap<>(Compliance.class);
        if (!options.json() && !console.quiet()) {
            out.println(TableReport.header());
        }
        int exempt = 0;
        for (CheckedResource result : results) {
            // An exempt resource is counted apart from the COMPLIANT ones, so reviewers see what was skipped.
            if (result.verdict().exempt()) {
                exempt++;
            } else {
                counts.merge(result.verdict().compliance(), 1, Integer::sum);
            }
            out.println(
                    options.json()
                            ? result.toJson().toString()
                            : TableReport.row(
                                    result, console.verdict(result.verdict().compliance(), 14)));
        }
        List<String> parts = new ArrayList<>();
        for (Compliance compliance : Compliance.values()) {
            parts.add(counts.getOrDefault(compliance, 0) + " " + compliance);
        }
        parts.add(exempt + " EXEMPT");
        if (!console.quiet()) {
            (options.json() ? err : out)
                    .println("checked " + results.size() + " resource(s) in "
                            + options.files().size() + " file(s): " + String.join(", ", parts));
        }
        return counts.getOrDefault(Compliance.NON_COMPLIANT, 0) > 0 ? Exit.NON_COMPLIANT_FOUND : Exit.OK;
    }

    /** The arguments; every problem is a BadInputException naming the option. */
    record Options(boolean json, RuleParameters ruleParameters, Map<String, String> parameters, List<String> files) {
        static Options of(ParseResult parsed) {
            String format = Cli.value(parsed, FORMAT);
            if (!format.equals("table") && !format.equals("json")) {
                throw new BadInputException(FORMAT, "must be table or json, got " + ErrorLine.quote(format));
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
                    format.equals("json"),
                    ruleParameters == null ? RuleParameters.NONE : RuleParametersJson.parse(ruleParameters),
                    parameters,
                    files);
        }
    }
}
