package dev.ecspublicip.cli;

import com.google.gson.JsonObject;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.RunningTask;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code scan} prints its results: a table for people, JSON lines, or CSV for auditors (one row per
 * resource, the JSON keys as columns); and the summary. Safe to use from the threads that read regions.
 */
final class ScanReport {
    static final String TABLE = "table";
    static final String JSON = "json";
    static final String CSV = "csv";
    static final List<String> FORMATS = List.of(TABLE, JSON, CSV);
    /** The JSON keys and the CSV columns: PutEvaluations' keys, and the region the resource is in. */
    static final List<String> COLUMNS =
            List.of("ComplianceResourceType", "ComplianceResourceId", "ComplianceType", "Annotation", "AwsRegion");

    private final String format;
    private final Console console;
    private final int regions;
    private final boolean withRegion;
    private final Map<Compliance, Integer> counts = new EnumMap<>(Compliance.class);
    private int exempt;
    private final boolean tasks;
    private int tasksRead;
    private int tasksExposed;

    /** @param regions how many regions are scanned; with several, the table shows a REGION column */
    ScanReport(String format, Console console, int regions) {
        this(format, console, regions, false);
    }

    /** @param tasks whether running tasks are read too ({@code --tasks}): the summary then counts them */
    ScanReport(String format, Console console, int regions, boolean tasks) {
        this.format = format;
        this.console = console;
        this.regions = regions;
        this.withRegion = regions > 1;
        this.tasks = tasks;
    }

    Console console() {
        return console;
    }

    /** The line before the results: the table's column names or the CSV header; none for JSON or when quiet. */
    Optional<String> header() {
        if (console.quiet() || format.equals(JSON)) {
            return Optional.empty();
        }
        if (format.equals(CSV)) {
            return Optional.of(String.join(",", COLUMNS));
        }
        return Optional.of(
                withRegion
                        ? String.format("%-14s %-14s %-9s %s  %s", "VERDICT", "REGION", "TYPE", "RESOURCE", "DETAIL")
                        : String.format("%-14s %-9s %s  %s", "VERDICT", "TYPE", "RESOURCE", "DETAIL"));
    }

    /** One result's line, counted for the summary. */
    String row(String region, EcsResource resource, Verdict verdict) {
        synchronized (counts) {
            // An exempt resource is counted apart from the COMPLIANT ones, so reviewers see what was skipped.
            if (verdict.exempt()) {
                exempt++;
            } else {
                counts.merge(verdict.compliance(), 1, Integer::sum);
            }
        }
        return line(
                region,
                resource.resourceType(),
                resource.resourceId(),
                switch (resource.kind()) {
                    case SERVICE -> "service";
                    case TASK_SET -> "task set";
                    default -> resource.kind().noun();
                },
                verdict);
    }

    /** A running task's line (one holding a public address), counted apart from services and task sets. */
    String taskRow(String region, RunningTask task, Verdict verdict) {
        synchronized (counts) {
            tasksExposed += verdict.compliance() == Compliance.NON_COMPLIANT ? 1 : 0;
        }
        return line(region, RunningTask.RESOURCE_TYPE, task.taskArn(), "task", verdict);
    }

    void tasksRead(int read) {
        synchronized (counts) {
            tasksRead += read;
        }
    }

    int tasksExposed() {
        synchronized (counts) {
            return tasksExposed;
        }
    }

    private String line(String region, String resourceType, String resourceId, String type, Verdict verdict) {
        List<String> values =
                List.of(resourceType, resourceId, verdict.compliance().name(), verdict.annotation(), region);
        return switch (format) {
            case JSON -> {
                JsonObject line = new JsonObject();
                for (int i = 0; i < COLUMNS.size(); i++) {
                    line.addProperty(COLUMNS.get(i), values.get(i));
                }
                yield line.toString();
            }
            case CSV ->
                String.join(",", values.stream().map(ScanReport::csvField).toList());
            default -> {
                String verdictColumn = console.verdict(verdict.compliance(), 14);
                yield withRegion
                        ? String.format(
                                "%s %-14s %-9s %s  %s", verdictColumn, region, type, resourceId, verdict.annotation())
                        : String.format("%s %-9s %s  %s", verdictColumn, type, resourceId, verdict.annotation());
            }
        };
    }

    /**
     * A CSV field as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180): quoted when it holds a
     * comma, a quote or a line break, quotes doubled. Five lines, so no CSV library (each would add its own
     * dependencies to the CLI jar).
     */
    private static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Every resource reported, exempt ones included. */
    int count() {
        synchronized (counts) {
            return counts.values().stream().mapToInt(Integer::intValue).sum() + exempt;
        }
    }

    int count(Compliance compliance) {
        synchronized (counts) {
            return counts.getOrDefault(compliance, 0);
        }
    }

    /** The summary goes to stderr for JSON and CSV, which are for machines. */
    boolean summaryOnStderr() {
        return !format.equals(TABLE);
    }

    /** How many were scanned and judged how, and which regions failed; none when quiet. */
    Optional<String> summary(List<String> failedRegions) {
        if (console.quiet()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (Compliance compliance : Compliance.values()) {
            parts.add(count(compliance) + " " + compliance);
        }
        int exempted;
        synchronized (counts) {
            exempted = exempt;
        }
        parts.add(exempted + " EXEMPT");
        return Optional.of("scanned " + count() + " resource(s)"
                + (withRegion ? " in " + regions + " region(s)" : "") + ": " + String.join(", ", parts)
                + (tasks
                        ? "; read " + tasksRead + " running task(s): " + tasksExposed()
                                + " NON_COMPLIANT (holding a public address)"
                        : "")
                + (failedRegions.isEmpty()
                        ? ""
                        : "; " + failedRegions.size() + " region(s) failed, so this is not complete: "
                                + String.join(", ", failedRegions)));
    }
}
