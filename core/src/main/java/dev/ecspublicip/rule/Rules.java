package dev.ecspublicip.rule;

import dev.ecspublicip.resource.Alternative;
import dev.ecspublicip.resource.EcsResource;
import dev.ecspublicip.resource.ResourceKind;
import dev.ecspublicip.resource.RunningTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place the rules are composed. Every entry point (the Config rule's function and its sweep, the
 * CloudFormation hook, {@code check}, {@code scan}, remediation) gets its rule from {@link #of}, and each
 * resource is judged by the rule for its kind. A new rule (for another kind of resource that can give tasks
 * public IPs) is one more entry there; no entry point changes.
 */
public final class Rules implements Rule {
    private final Map<ResourceKind, Rule> byKind;
    private final TaskExposureRule tasks;

    private Rules(Map<ResourceKind, Rule> byKind, TaskExposureRule tasks) {
        this.byKind = byKind;
        this.tasks = tasks;
    }

    /** The rules with these parameters (the same exemptions for every kind). */
    public static Rules of(RuleParameters parameters) {
        Rule publicIp = new PublicIpRule(parameters);
        return new Rules(
                Map.of(ResourceKind.SERVICE, publicIp, ResourceKind.TASK_SET, publicIp),
                new TaskExposureRule(parameters));
    }

    /** The verdict of the rule for the resource's kind; NOT_APPLICABLE for a kind no rule judges. */
    @Override
    public Verdict judge(EcsResource resource) {
        Rule rule = byKind.get(resource.kind());
        if (rule == null) {
            return new Verdict(
                    Compliance.NOT_APPLICABLE, resource.resourceType() + " is not an ECS service or task set.");
        }
        return rule.judge(resource);
    }

    /**
     * The verdict for a running task: NON_COMPLIANT when it holds a public IPv4 address or an
     * internet-routed global IPv6 address (not exempt), naming each address and interface; else COMPLIANT.
     */
    public Verdict judge(RunningTask task) {
        return tasks.judge(task);
    }

    /**
     * The verdict for a resource that will be one of these alternatives, which one known only at
     * deployment (a template's conditions): each judged as a resource of its own, then the worst, saying
     * when it happens ({@link Verdicts#ofAlternatives}).
     */
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
