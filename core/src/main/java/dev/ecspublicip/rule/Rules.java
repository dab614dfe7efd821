package dev.ecspublicip.rule;

import dev.ecspublicip.resource.Alternative;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.RunningTask;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place the rules are composed. Every entry point (the Config rule's function and its sweep, the
 * CloudFormation hook, {@code check}, {@code scan}, remediation) gets its rule from {@link #of}, and each
 * resource is judged by the rule for its kind. A new rule (for another kind of resource that can give tasks
 * public IPs) is one more entry there; no entry point changes.
 */
public final class Rules implements Rule {
    private final Map<ResourceKind, Rule> byKind;
    private final TaskExposureRule tasks;
    private final Optional<Instant> judgedAt;

    private Rules(Map<ResourceKind, Rule> byKind, TaskExposureRule tasks, Optional<Instant> judgedAt) {
        this.byKind = byKind;
        this.tasks = tasks;
        this.judgedAt = judgedAt;
    }

    /**
     * These rules judging on {@code judgedAt} whenever no other time is given: for an entry point that
     * judges everything of one run on the run's time ({@code check}, {@code scan}).
     */
    public Rules at(Instant judgedAt) {
        return new Rules(byKind, tasks, Optional.of(judgedAt));
    }

    /** The rules with these parameters (the same exemptions for every kind). */
    public static Rules of(RuleParameters parameters) {
        Map<ResourceKind, Rule> byKind = new EnumMap<>(ResourceKind.class);
        Rule publicIp = new PublicIpRule(parameters);
        Rule launcher = new LauncherRule(parameters);
        for (ResourceKind kind : ResourceKind.values()) {
            if (kind.isEcs()) {
                byKind.put(kind, publicIp);
            } else if (kind.isLauncher()) {
                byKind.put(kind, launcher);
            }
        }
        return new Rules(byKind, new TaskExposureRule(parameters), Optional.empty());
    }

    /** The verdict of the rule for the resource's kind; NOT_APPLICABLE for a kind no rule judges. */
    @Override
    public Verdict judge(EcsResource resource, Instant judgedAt) {
        Rule rule = byKind.get(resource.kind());
        return rule == null ? notJudged(resource) : rule.judge(resource, judgedAt);
    }

    /** Judged on the time given to {@link #at}, else as {@link Rule#judge(EcsResource)} says. */
    @Override
    public Verdict judge(EcsResource resource) {
        if (judgedAt.isPresent()) {
            return judge(resource, judgedAt.get());
        }
        Rule rule = byKind.get(resource.kind());
        return rule == null ? notJudged(resource) : rule.judge(resource);
    }

    private static Verdict notJudged(EcsResource resource) {
        return new Verdict(
                Compliance.NOT_APPLICABLE,
                resource.resourceType()
                        + " is not an ECS service or task set, nor a resource that launches ECS tasks.");
    }

    /**
     * The verdict for a running task: NON_COMPLIANT when it holds a public IPv4 address or an
     * internet-routed global IPv6 address (not exempt), naming each address and interface; else COMPLIANT.
     */
    public Verdict judge(RunningTask task) {
        return tasks.judge(task, judgedAt.map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC)));
    }

    /**
     * The verdict for a resource that will be one of these alternatives, which one known only at
     * deployment (a template's conditions): each judged as a resource of its own, then the worst, saying
     * when it happens ({@link Verdicts#ofAlternatives}).
     */
    public Verdict judgeAlternatives(List<Alternative> alternatives, Instant judgedAt) {
        List<PartVerdict> verdicts = new ArrayList<>();
        for (Alternative alternative : alternatives) {
            verdicts.add(new PartVerdict(alternative.condition(), judge(alternative.resource(), judgedAt)));
        }
        return Verdicts.ofAlternatives(verdicts);
    }

    /** As {@link #judgeAlternatives(List, Instant)} with no judging time known (see {@link Rule#judge(EcsResource)}). */
    public Verdict judgeAlternatives(List<Alternative> alternatives) {
        List<PartVerdict> verdicts = new ArrayList<>();
        for (Alternative alternative : alternatives) {
            verdicts.add(new PartVerdict(alternative.condition(), judge(alternative.resource())));
        }
        return Verdicts.ofAlternatives(verdicts);
    }

    /** Whether any of the rules could judge a resource with this verdict differently once its tags are known. */
    @Override
    public boolean tagsCouldChange(Verdict verdict) {
        for (Rule rule : byKind.values()) {
            if (rule.tagsCouldChange(verdict)) {
                return true;
            }
        }
        return false;
    }
}
