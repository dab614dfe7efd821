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

/**
 * {@code check}: the rule's verdicts for the ECS services and task sets in CloudFormation templates and
 * Terraform plans, before anything is deployed (no AWS call). Every file is read and judged before
 * anything is printed: exit 0 when nothing is NON_COMPLIANT, 1 when something is, 2 when a file or an
 * argument cannot be read (one line on stderr, nothing on stdout).
 */
final class CheckCommand {
    static final String ARGUMENTS = "[--format table|json] [--rule-parameters JSON] [--parameter KEY=VALUE]... FILE...";
    private static final String USAGE = "check " + ARGUMENTS;

    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        List<CheckedResource> results = new ArrayList<>();
        Options options;
        try {
            options = Options.parse(args);
            Checker checker = new Checker(options.ruleParameters(), options.parameters());
            results.addAll(checker.checkFiles(options.files()));
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever else stopped the check is about the input (check calls no AWS); exit 1 only ever
            // means NON_COMPLIANT.
            throw new BadInputException("check", "cannot check: " + e.getMessage());
        }
        Map<Compliance, Integer> counts = new EnumMap<>(Compliance.class);
        if (!options.json()) {
            out.println(TableReport.header());
        }
        for (CheckedResource result : results) {
            counts.merge(result.verdict().compliance(), 1, Integer::sum);
            out.println(options.json() ? result.toJson().toString() : TableReport.row(result));
        }
        List<String> parts = new ArrayList<>();
        for (Compliance compliance : Compliance.values()) {
            parts.add(counts.getOrDefault(compliance, 0) + " " + compliance);
        }
        (options.json() ? err : out)
                .println("checked " + results.size() + " ECS service(s) and task set(s) in "
                        + options.files().size() + " file(s): " + String.join(", ", parts));
        return counts.getOrDefault(Compliance.NON_COMPLIANT, 0) > 0 ? Exit.NON_COMPLIANT_FOUND : Exit.OK;
    }

    /** The arguments; every problem is a BadInputException naming the option. */
    record Options(boolean json, RuleParameters ruleParameters, Map<String, String> parameters, List<String> files) {
        static Options parse(List<String> args) {
            boolean json = false;
            RuleParameters ruleParameters = RuleParameters.NONE;
            Map<String, String> parameters = new LinkedHashMap<>();
            List<String> files = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--")) {
                    files.add(arg);
                    continue;
                }
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value;
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new BadInputException(name, "needs a value (usage: " + USAGE + ")");
                }
                switch (name) {
                    case "--format" -> {
                        if (!value.equals("table") && !value.equals("json")) {
                            throw new BadInputException(name, "must be table or json, got " + ErrorLine.quote(value));
                        }
                        json = value.equals("json");
                    }
                    case "--rule-parameters" -> ruleParameters = RuleParametersJson.parse(value);
                    case "--parameter" -> {
                        int equals = value.indexOf('=');
                        if (equals < 1) {
                            throw new BadInputException(name, ErrorLine.quote(value) + " is not KEY=VALUE");
                        }
                        parameters.put(value.substring(0, equals), value.substring(equals + 1));
                    }
                    default -> throw new BadInputException(name, "is not an option of check (usage: " + USAGE + ")");
                }
            }
            if (files.isEmpty()) {
                throw new BadInputException("check", "needs at least one FILE (usage: " + USAGE + ")");
            }
            return new Options(json, ruleParameters, parameters, List.copyOf(files));
        }
    }
}
