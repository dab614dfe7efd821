package dev.ecspublicip.cli;

import dev.ecspublicip.BadInputException;
import dev.ecspublicip.ErrorLine;
import dev.ecspublicip.aws.FailedCall;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place the command line turns a failure into an exit code and one line on stderr: bad input
 * (2) as the input's own message, AWS and environment failures (4) as what failed, where, and how to fix
 * it. Never a stack trace, and nothing on stdout.
 */
final class Failures {
    /** An AWS or environment failure is told in at most this many characters. */
    static final int MAX_AWS_LINE = 300;
    /** Bad input is told in at most this many characters (the project's limit for bad-input lines). */
    static final int MAX_INPUT_LINE = ErrorLine.MAX_LENGTH;

    /** The page and section that document the IAM policy the commands need, named in an access-denied line. */
    static final String IAM_POLICY_DOCUMENTED_IN = "docs/iam.md, \"IAM policy for scan and remediate\"";

    private static final Pattern PROFILE = Pattern.compile("profile '([^']+)'");

    private Failures() {}

    /** Runs a command; whatever it throws becomes an exit code and one line on {@code err}. */
    static int reported(PrintStream err, IntSupplier command) {
        try {
            return command.getAsInt();
        } catch (RuntimeException | ExceptionInInitializerError e) {
            Report report = report(e);
            err.println(report.line());
            return report.exitCode();
        } catch (OutOfMemoryError e) {
            // The limits on what check reads keep every input within a heap of 1 GiB; a smaller heap can still
            // run out. By now what filled it is unreachable, so the line can be printed.
            Report report = outOfMemory(Runtime.getRuntime().maxMemory());
            err.println(report.line());
            return report.exitCode();
        }
    }

    /** An environment failure: the JVM's heap, of {@code maxHeap} bytes, was too small for the input. */
    static Report outOfMemory(long maxHeap) {
        return new Report(
                Exit.AWS_FAILURE,
                "error: the Java heap (" + maxHeap / (1024 * 1024)
                        + " MiB) is too small for this input; run java with -Xmx1g or more");
    }

    /** What the user is told, and the exit code. */
    record Report(int exitCode, String line) {}

    static Report report(Throwable failure) {
        Throwable e = failure instanceof ExceptionInInitializerError init && init.getCause() != null
                ? init.getCause()
                : failure;
        if (e instanceof BadInputException bad) {
            return new Report(Exit.BAD_INPUT, line("error: " + bad.getMessage(), MAX_INPUT_LINE));
        }
        return new Report(Exit.AWS_FAILURE, line("error: " + awsFailure(e), MAX_AWS_LINE));
    }

    private static String awsFailure(Throwable e) {
        String chain = messages(e);
        if (chain.contains("Unable to load region")) {
            return "no AWS region: set AWS_REGION or pass --region";
        }
        if (chain.contains("Unable to load credentials")) {
            // The default chain, each of whose providers found nothing (its message lists them all).
            return "no AWS credentials: pass --profile, set AWS_PROFILE, or set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY (see 'aws configure')";
        }
        Matcher profile = PROFILE.matcher(chain);
        if (chain.contains("Profile file contained no credentials")
                || chain.contains("does not exist in the profile")
                || chain.contains("is not configured with credentials")) {
            String name = profile.find() ? "'" + profile.group(1) + "' " : "";
            return "AWS profile " + name + "has no usable credentials in ~/.aws/config or ~/.aws/credentials:"
                    + " check --profile or AWS_PROFILE, or run 'aws configure' / 'aws sso login'";
        }
        Optional<FailedCall> call = FailedCall.of(e);
        SdkException sdk = find(e, SdkException.class);
        if (call.isEmpty() || sdk == null) {
            return message(e);
        }
        String where = call.get().getMessage();
        Integer attempts = sdk.numAttempts();
        String tries = attempts != null && attempts > 1 ? " after " + attempts + " attempts" : "";
        String cause = sdk instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? serviceError(service)
                : clientError(sdk);
        // A wrapper's message (e.g. "cannot assume ROLE to evaluate account N") says why the call was made.
        String context = e == sdk || e.getMessage() == null ? "" : prefixOf(e.getMessage(), sdk);
        return context + where + " failed" + tries + ": " + cause;
    }

    private static String serviceError(AwsServiceException e) {
        String code = e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails().errorMessage();
        String hint = code != null && (code.contains("AccessDenied") || code.contains("UnauthorizedOperation"))
                ? " (the credentials' IAM policy must allow it; " + IAM_POLICY_DOCUMENTED_IN + ")"
                : "";
        return (code == null ? "HTTP " + e.statusCode() : code) + (message == null ? "" : ": " + message) + hint;
    }

    private static String clientError(SdkException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage() + " (check the network, AWS_ENDPOINT_URL and the region)";
        }
        if (root instanceof SocketTimeoutException) {
            return "timed out";
        }
        String raw = e.rawMessage() == null ? root.getClass().getSimpleName() : e.rawMessage();
        return root == e ? raw : raw + " (" + message(root) + ")";
    }

    private static String prefixOf(String wrapper, SdkException sdk) {
        String inner = sdk.getMessage() == null ? "" : sdk.getMessage();
        String own = inner.isEmpty() ? wrapper : wrapper.replace(inner, "").replaceAll("[:\\s]+$", "");
        return own.isBlank() ? "" : own + ": ";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(' ');
        }
        return all.toString();
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** One line ({@link ErrorLine}: folded, escaped), cut to {@code max} characters. */
    static String line(String text, int max) {
        return ErrorLine.of(text, max);
    }
}
