package dev.ecspublicip;

/**
 * Input that cannot be judged: malformed JSON, a missing or mistyped field, an invalid rule parameter.
 * The message is one line ({@link ErrorLine}: at most 1,000 characters, nothing unprintable written raw)
 * and starts with the path of the offending field, so an operator reading a Lambda error or a CLI message
 * knows exactly what to fix. Nothing is put to AWS Config once this is thrown.
 *
 * <p>A value echoed in {@code problem} goes through {@link ErrorLine#quote}, so a megabyte value is shown
 * cut, with its length.
 */
public final class BadInputException extends RuntimeException {
    private final String field;
    private final String problem;

    public BadInputException(String field, String problem) {
        super(ErrorLine.of(ErrorLine.field(field) + ": " + problem));
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    /** What is wrong with the field, without the field's path. */
    public String problem() {
        return problem;
    }

    /** The same problem, reported as found in {@code source} (e.g. the file the input came from). */
    public BadInputException in(String source) {
        BadInputException located = new BadInputException(source + ": " + field, problem);
        located.initCause(this);
        return located;
    }
}
