package dev.ecspublicip.aws;

import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Which AWS call failed: the operation, the service and the region, which the SDK's exceptions do not
 * carry. {@link Naming} attaches one to every exception an SDK call ends with, as a suppressed exception,
 * so the exception keeps its type (callers still catch {@code ServiceNotFoundException} and the like) and
 * an error message can say what failed where.
 */
public final class FailedCall extends RuntimeException {
    private final String operation;
    private final String service;
    private final String region;

    FailedCall(String operation, String service, String region) {
        super(operation + " (" + service + ", " + region + ")", null, false, false);
        this.operation = operation;
        this.service = service;
        this.region = region;
    }

    public String operation() {
        return operation;
    }

    public String service() {
        return service;
    }

    public String region() {
        return region;
    }

    /** The call {@code failure} (or an exception it was caused by) ended, if an SDK call ended it. */
    public static java.util.Optional<FailedCall> of(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            for (Throwable suppressed : e.getSuppressed()) {
                if (suppressed instanceof FailedCall call) {
                    return java.util.Optional.of(call);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Registered on every client {@link AwsClients} configures. */
    static final class Naming implements ExecutionInterceptor {
        @Override
        public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
            Throwable exception = context.exception();
            if (FailedCall.of(exception).isEmpty()) {
                String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
                Object region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
                exception.addSuppressed(new FailedCall(
                        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                        service == null ? "?" : service.toLowerCase(java.util.Locale.ROOT),
                        region == null ? "no region" : region.toString()));
            }
            return exception;
        }
    }
}
