package dev.ecspublicip.resource;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where something is in AWS: a partition, a Region and an account, as an ARN names them
 * ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}). Read once where it enters (a stack's ARN, the
 * invoked function's ARN, a template's pseudo parameters, an ECS ARN) and passed on as this value.
 */
public record AwsLocation(String partition, String region, String account) {
    public AwsLocation {
        if (!isPartition(partition) || !isRegion(region) || !isAccount(account)) {
            throw new IllegalArgumentException(
                    "not a partition, Region and account: " + partition + ", " + region + ", " + account);
        }
    }

    /** {@code aws}, or {@code aws-} and lower-case letters and hyphens: {@code aws-cn}, {@code aws-us-gov}, {@code aws-iso-b}. */
    public static boolean isPartition(String text) {
        return text != null
                && (text.equals("aws")
                        || text.startsWith("aws-") && text.length() > 4 && only(text.substring(4), false));
    }

    /** Lower-case letters, digits and hyphens, e.g. {@code us-east-1}. */
    public static boolean isRegion(String text) {
        return text != null && !text.isEmpty() && only(text, true);
    }

    /** Twelve digits. */
    public static boolean isAccount(String text) {
        if (text == null || text.length() != 12) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The location an ARN of {@code service} names when its resource is of {@code resourceType}
     * ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:TYPE/...} or {@code ...:TYPE:...}), e.g. a stack
     * ({@code cloudformation}, {@code stack}) or a Lambda function ({@code lambda}, {@code function}); empty
     * for any other text.
     */
    public static Optional<AwsLocation> ofArn(String arn, String service, String resourceType) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = Arn.PATTERN.matcher(arn);
        if (!m.matches() || !m.group(2).equals(service) || !m.group(5).equals(resourceType)) {
            return Optional.empty();
        }
        return Optional.of(new AwsLocation(m.group(1), m.group(3), m.group(4)));
    }

    /**
     * The partition of any ARN, also of one without a Region or account (IAM's, STS's:
     * {@code arn:aws-us-gov:sts::123456789012:assumed-role/...}); empty for text that is not an ARN.
     */
    public static Optional<String> partitionOf(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return Optional.empty();
        }
        int end = arn.indexOf(':', 4);
        return end < 0 ? Optional.empty() : Optional.of(arn.substring(4, end)).filter(AwsLocation::isPartition);
    }

    /** How messages name it, e.g. {@code account 123456789012 in region eu-west-1 (partition aws-cn)}. */
    public String describe() {
        return "account " + account + " in region " + region
                + (partition.equals("aws") ? "" : " (partition " + partition + ")");
    }

    private static boolean only(String text, boolean digits) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z') && c != '-' && !(digits && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** Compiled on the first ARN read, not when a location is made (ECS ARNs are read on the change-event path). */
    private static final class Arn {
        static final Pattern PATTERN =
                Pattern.compile("arn:(aws(?:-[a-z-]+)?):([a-z0-9-]+):([a-z0-9-]+):([0-9]{12}):([A-Za-z0-9-]+)[:/].+");
    }
}
