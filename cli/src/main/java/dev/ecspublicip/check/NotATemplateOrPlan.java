package dev.ecspublicip.check;

import dev.ecspublicip.BadInputException;

/**
 * A readable file that is neither a CloudFormation template nor a Terraform plan (a workflow, a Kubernetes
 * manifest, {@code package.json}): bad input when it was named, skipped and counted when a directory was
 * searched.
 */
final class NotATemplateOrPlan extends RuntimeException {
    private final transient BadInputException problem;

    NotATemplateOrPlan(String file, String problem) {
        super(null, null, false, false);
        this.problem = new BadInputException(file, problem);
    }

    BadInputException asBadInput() {
        return problem;
    }
}
