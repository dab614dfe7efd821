package dev.ecspublicip.cli;

/** The command line's exit codes, the same for every command (README, "Exit codes"). */
final class Exit {
    /** Done; for {@code scan} and {@code check}, nothing NON_COMPLIANT was found. */
    static final int OK = 0;
    /** {@code scan} or {@code check} found something NON_COMPLIANT: a pipeline gate. */
    static final int NON_COMPLIANT_FOUND = 1;
    /** Bad input or usage; nothing was changed or put. */
    static final int BAD_INPUT = 2;
    /** {@code remediate}: the remediation was REFUSED (the result says why). */
    static final int REFUSED = 3;
    /** AWS or the environment failed: no region, no credentials, the network, a service error after retries. */
    static final int AWS_FAILURE = 4;

    private Exit() {}
}
