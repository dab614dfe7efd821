package dev.ecspublicip.check;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.rule.Compliance;
import dev.ecspublicip.rule.PublicIpRule;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code check}: the rule applied to what is about to be deployed, read from a CloudFormation template
 * (YAML or JSON) or a Terraform plan ({@code terraform show -json}). The verdicts are the rule's own
 * ({@link PublicIpRule}); what this package adds is reading the files, and failing closed where a value
 * that decides the verdict is known only at deployment.
 */
public final class Checker {
    private final PublicIpRule rule;
    private final Map<String, String> parameters;

    /**
     * @param parameters template parameter values ({@code --parameter KEY=VALUE}); {@code AWS::Region},
     *     {@code AWS::AccountId} and {@code AWS::Partition} there also place services for ARN exemptions
     */
    public Checker(RuleParameters ruleParameters, Map<String, String> parameters) {
        this.rule = new PublicIpRule(ruleParameters);
        this.parameters = Map.copyOf(parameters);
    }

    /** Every ECS service and task set the file would create or update, judged; BadInputException names the file. */
    public List<CheckedResource> check(String file, String text) {
        try {
            JsonObject document = DocumentReader.read(text, file);
            if (document.has("resource_changes") || document.has("terraform_version")) {
                return new TerraformPlanCheck(this, file, document).check();
            }
            if (document.has("Resources")) {
                return new CloudFormationTemplateCheck(this, file, document).check();
            }
            throw new BadInputException(
                    file,
                    "is neither a CloudFormation template (no Resources) nor a Terraform"
                            + " plan (no resource_changes; use `terraform show -json PLAN`)");
        } catch (BadInputException e) {
            throw e.field().startsWith(file) ? e : e.in(file);
        }
    }

    Verdict judge(dev.ecspublicip.resource.EcsResource resource) {
        return rule.judge(resource);
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** {@code arn:PARTITION:ecs:REGION:ACCOUNT:} when Region and account were given (partition defaults to aws). */
    Optional<String> ecsArnPrefix() {
        Optional<String> region = parameter("AWS::Region");
        Optional<String> account = parameter("AWS::AccountId");
        if (region.isEmpty() || account.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("arn:" + parameter("AWS::Partition").orElse("aws") + ":ecs:" + region.get() + ":"
                + account.get() + ":");
    }

    /** Fail closed: a value that decides the verdict is known only at deployment. */
    static Verdict unknownUntilDeployed(String subject, String reason) {
        return new Verdict(
                Compliance.NON_COMPLIANT,
                subject + " " + reason + ", so it could assign public IPs: judged NON_COMPLIANT.");
    }
}
