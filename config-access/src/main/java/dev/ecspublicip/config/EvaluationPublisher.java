package dev.ecspublicip.config;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.PutEvaluationsResponse;

/**
 * Puts evaluations to AWS Config in calls of at most 100.
 *
 * <p>Throttling and transient errors are retried by the SDK's retry strategy. Evaluations Config
 * accepts the call for but returns as {@code FailedEvaluations} are put again, a few times with a
 * growing pause; if some still fail, the invocation fails so Config does not keep a stale verdict.
 */
public final class EvaluationPublisher {
    public static final int MAX_PER_CALL = 100;
    /** The result token of a test invocation; its evaluations are put with TestMode. */
    public static final String TEST_MODE_TOKEN = "TESTMODE";
    static final int FAILED_EVALUATION_ATTEMPTS = 4;
    private static final long FIRST_PAUSE_MILLIS = 200;

    private final ConfigClient config;

    public EvaluationPublisher(ConfigClient config) {
        this.config = config;
    }

    /** Puts all evaluations with the event's result token; returns them once every one is accepted. */
    public List<Evaluation> put(String resultToken, List<Evaluation> evaluations) {
        for (int start = 0; start < evaluations.size(); start += MAX_PER_CALL) {
            putBatch(resultToken, evaluations.subList(start, Math.min(evaluations.size(), start + MAX_PER_CALL)));
        }
        return evaluations;
    }

    private void putBatch(String resultToken, List<Evaluation> batch) {
        List<software.amazon.awssdk.services.config.model.Evaluation> pending = new ArrayList<>(batch.size());
        for (Evaluation evaluation : batch) {
            pending.add(toSdk(evaluation));
        }
        boolean testMode = TEST_MODE_TOKEN.equals(resultToken);
        for (int attempt = 1; ; attempt++) {
            List<software.amazon.awssdk.services.config.model.Evaluation> sending = pending;
            PutEvaluationsResponse response = config.putEvaluations(request -> request
                    .resultToken(resultToken)
                    .evaluations(sending)
                    .testMode(testMode ? Boolean.TRUE : null));
            if (!response.hasFailedEvaluations() || response.failedEvaluations().isEmpty()) {
                return;
            }
            pending = response.failedEvaluations();
            if (attempt == FAILED_EVALUATION_ATTEMPTS) {
                var first = pending.get(0);
                throw new IllegalStateException("AWS Config rejected " + pending.size() + " evaluation(s) after "
                        + attempt + " attempts, e.g. " + first.complianceResourceType() + " "
                        + first.complianceResourceId());
            }
            ItemRetryPause.after(attempt, FIRST_PAUSE_MILLIS, "failed evaluations");
        }
    }

    private static software.amazon.awssdk.services.config.model.Evaluation toSdk(Evaluation evaluation) {
        return software.amazon.awssdk.services.config.model.Evaluation.builder()
                .complianceResourceType(evaluation.resourceType())
                .complianceResourceId(evaluation.resourceId())
                .complianceType(evaluation.compliance().name())
                .annotation(evaluation.annotation())
                .orderingTimestamp(evaluation.orderingTimestamp())
                .build();
    }
}
