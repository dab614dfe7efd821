package dev.ecspublicip.remediation;

/**
 * How the caller of the remediation names its inputs ({@link RemediationRequest#FIELDS}), so that an error
 * or a reason names what that caller sets: the runbook's parameters (and the function's payload keys), or
 * the command line's options. The entry point chooses; the remediation only asks.
 */
public interface InputNames {
    /** The runbook's parameters, which are also the function's payload keys: {@code AllowEgressLoss}. */
    InputNames RUNBOOK = new InputNames() {
        @Override
        public String name(String input) {
            return input;
        }

        @Override
        public String isOn(String flag) {
            return flag + " is true";
        }

        @Override
        public String turnOn(String flag) {
            return flag + " true";
        }
    };

    /** The input as the caller spells it, e.g. in an error line's field. */
    String name(String input);

    /** Says that the caller turned {@code flag} on, e.g. "AllowEgressLoss is true". */
    String isOn(String flag);

    /** How the caller turns {@code flag} on, for "rerun with ...". */
    String turnOn(String flag);
}
