package dev.ecspublicip.config;

import dev.ecspublicip.BadInputException;

/**
 * How many JSON values (members, elements and scalars) reads into trees may still take, shared by the reads
 * of one document's parts: a tree costs tens of bytes a value, so a few megabytes of tiny values
 * ({@code [1,1,1,...]}) would need more heap than any bound on characters allows for.
 */
public final class ValueBudget {
    private final long max;
    private final String what;
    private long left;

    /** @param what what the budget is for, as an error names it ("a template") */
    public ValueBudget(long max, String what) {
        this.max = max;
        this.what = what;
        this.left = max;
    }

    void take(String path) {
        if (--left < 0) {
            throw new BadInputException(path, "holds more than " + max + " JSON values, the most read of " + what);
        }
    }
}
