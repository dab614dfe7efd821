package dev.ecspublicip.rule;

/** The compliance types a custom rule may put (Config rejects INSUFFICIENT_DATA from custom rules). */
public enum Compliance {
    COMPLIANT,
    NON_COMPLIANT,
    NOT_APPLICABLE
}
