package dev.ecspublicip.check;

import com.google.gson.JsonObject;
import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.resource.AwsLocation;
import dev.ecspublicip.rule.RuleParameters;
import dev.ecspublicip.rule.Rules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code check}: the rule applied to what is about to be deployed, read from a CloudFormation template
 * (YAML or JSON) or a Terraform plan ({@code terraform show -json}). What this package adds is reading the
 * files into the model, values known only at deployment included; every verdict is the rule's
 * ({@link Rules}).
 */
public final class Checker {
    private static final String PARAMETER = "--parameter ";

    private final Rules rule;
    private final Map<String, String> parameters;
    private final Optional<AwsLocation> location;

    /**
     * @param parameters template parameter values ({@code --parameter KEY=VALUE}); {@code AWS::Region},
     *     {@code AWS::AccountId} and {@code AWS::Partition} there also place services for ARN exemptions
     * @throws BadInputException when a pseudo parameter that places services is not of its documented shape
     */
    public Checker(RuleParameters ruleParameters, Map<String, String> parameters) {
        // Exemption expiries are judged on the run's time.
        this.rule = Rules.of(ruleParameters).at(Instant.now());
        this.parameters = Map.copyOf(parameters);
        this.location = location(this.parameters);
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

    Rules rule() {
        return rule;
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** Where the resources will be created, when {@code AWS::Region} and {@code AWS::AccountId} were given. */
    Optional<AwsLocation> location() {
        return location;
    }

    /** The partition defaults to {@code aws}; each value given must have its documented shape. */
    private static Optional<AwsLocation> location(Map<String, String> parameters) {
        String partition = parameters.getOrDefault("AWS::Partition", "aws");
        String region = parameters.get("AWS::Region");
        String account = parameters.get("AWS::AccountId");
        require("AWS::Partition", partition, AwsLocation.isPartition(partition), "a partition such as aws or aws-cn");
        if (region != null) {
            require("AWS::Region", region, AwsLocation.isRegion(region), "a Region such as eu-west-1");
        }
        if (account != null) {
            require("AWS::AccountId", account, AwsLocation.isAccount(account), "a 12-digit account id");
        }
        if (region == null || account == null) {
            return Optional.empty();
        }
        return Optional.of(new AwsLocation(partition, region, account));
    }

    private static void require(String name, String value, boolean valid, String expected) {
        if (!valid) {
            throw new BadInputException(PARAMETER + name, ErrorLine.quote(value) + " is not " + expected);
        }
    }
}
