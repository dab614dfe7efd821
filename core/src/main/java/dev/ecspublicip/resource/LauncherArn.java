package dev.ecspublicip.resource;

import java.util.regex.Pattern;

/**
 * The ARNs of the resources that launch ECS tasks, in the shapes their services document: EventBridge
 * rules ({@code arn:P:events:R:A:rule/NAME}, {@code rule/BUS/NAME}), schedules ({@code
 * arn:P:scheduler:R:A:schedule/GROUP/NAME}), pipes ({@code arn:P:pipes:R:A:pipe/NAME}), state machines
 * ({@code arn:P:states:R:A:stateMachine:NAME}) and job definitions ({@code
 * arn:P:batch:R:A:job-definition/NAME:REVISION}, or without {@code :REVISION} for every revision).
 */
public final class LauncherArn {
    private static final String PREFIX = "arn:aws(?:-[a-z-]+)?:";
    private static final String WHERE = ":[a-z0-9-]+:[0-9]{12}:";
    private static final String NAME = "[A-Za-z0-9._-]{1,256}";
    private static final Pattern ARN = Pattern.compile(PREFIX + "(?:"
            + "events" + WHERE + "rule/(?:" + NAME + "/)?" + NAME
            + "|scheduler" + WHERE + "schedule/" + NAME + "/" + NAME
            + "|pipes" + WHERE + "pipe/" + NAME
            + "|states" + WHERE + "stateMachine:" + NAME
            + "|batch" + WHERE + "job-definition/" + NAME + "(?::[0-9]{1,9})?)");
    private static final Pattern REVISION = Pattern.compile(":[0-9]{1,9}$");

    private LauncherArn() {}

    /** Whether the text is the ARN of a launcher (a job definition's with or without its revision). */
    public static boolean isLauncherArn(String text) {
        return text != null && ARN.matcher(text).matches();
    }

    /**
     * Whether a listed ARN names the resource with this ARN: the same ARN, or a job definition's ARN without
     * revision naming every revision of it.
     */
    public static boolean names(String listed, String arn) {
        if (listed.equals(arn)) {
            return true;
        }
        return arn.contains(":batch:")
                && arn.contains(":job-definition/")
                && !REVISION.matcher(listed).find()
                && REVISION.matcher(arn).find()
                && REVISION.matcher(arn).replaceFirst("").equals(listed);
    }
}
