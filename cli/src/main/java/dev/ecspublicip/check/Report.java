package dev.ecspublicip.check;

import dev.ecspublicip.rule.Compliance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The formats {@code check} reports in: {@code table} for people (with the summary line), {@code json} one
 * object per resource per line, {@code sarif} for code scanning (GitHub, GitLab), {@code junit} for test
 * report views (Jenkins, GitLab, Azure DevOps).
 */
public enum Report {
    TABLE,
    JSON,
    SARIF,
    JUNIT;

    /** The format named on the command line ({@code table}, {@code json}, {@code sarif}, {@code junit}). */
    public static Report named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Report report : values()) {
            names.add(report.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    public void write(Checker.Run run, Appendable out) throws IOException {
        switch (this) {
            case TABLE -> TableReport.write(run, out, compliance -> String.format("%-14s", compliance), false);
            case JSON -> {
                for (CheckedResource result : run.results()) {
                    out.append(result.toJson().toString()).append('\n');
                }
            }
            case SARIF -> SarifReport.write(run.results(), out);
            case JUNIT -> JunitReport.write(run.results(), out);
        }
    }

    /** {@code checked N resource(s) in F file(s): ...}, and the files a directory search skipped. */
    public static String summary(Checker.Run run) {
        Map<Compliance, Integer> counts = new EnumMap<>(Compliance.class);
        int exempt = 0;
        for (CheckedResource result : run.results()) {
            // An exempt resource is counted apart from the COMPLIANT ones, so reviewers see what was skipped.
            if (result.verdict().exempt()) {
                exempt++;
            } else {
                counts.merge(result.verdict().compliance(), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        for (Compliance compliance : Compliance.values()) {
            parts.add(counts.getOrDefault(compliance, 0) + " " + compliance);
        }
        parts.add(exempt + " EXEMPT");
        return "checked " + run.results().size() + " resource(s) in " + run.files() + " file(s): "
                + String.join(", ", parts)
                + (run.skipped() == 0 ? "" : "; skipped " + run.skipped() + " files that are not templates or plans");
    }

    static Map<Compliance, Integer> counts(List<CheckedResource> results) {
        Map<Compliance, Integer> counts = new EnumMap<>(Compliance.class);
        for (CheckedResource result : results) {
            counts.merge(result.verdict().compliance(), 1, Integer::sum);
        }
        return counts;
    }
}
