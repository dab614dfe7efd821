package dev.ecspublicip.remediation;

/**
 * The partition, account and region the remediation acts in. An ECS ARN naming anything else is refused
 * before any ECS call: ECS would otherwise be asked about a same-named resource in this account.
 *
 * <p>In Lambda it is read from the invoked function's ARN; the CLI asks STS (GetCallerIdentity) for the
 * account and takes the region its ECS client is configured with.
 */
public record OwnAccount(String partition, String account, String region) {

    /** From {@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}. */
    public static OwnAccount ofFunctionArn(String functionArn) {
        String[] parts = functionArn == null ? new String[0] : functionArn.split(":", 7);
        if (parts.length < 7 || !parts[0].equals("arn") || !parts[2].equals("lambda") || !parts[5].equals("function")) {
            throw new IllegalStateException("the invoked function ARN '" + functionArn
                    + "' is not arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME");
        }
        return new OwnAccount(parts[1], parts[4], parts[3]);
    }

    /** From the caller's ARN as STS reports it ({@code arn:PARTITION:sts::ACCOUNT:...}) and a region. */
    public static OwnAccount ofCaller(String callerArn, String account, String region) {
        return new OwnAccount(callerArn.split(":", 3)[1], account, region);
    }

    String describe() {
        return "account " + account + " in region " + region
                + (partition.equals("aws") ? "" : " (partition " + partition + ")");
    }
}
