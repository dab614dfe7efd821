package dev.ecspublicip.config;

import dev.ecspublicip.aws.CallDeadline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final CallDeadline deadline;

    public EvaluationPublisher(ConfigClient config) {
        this(config, null);
    }

    /** @param deadline no retry of FailedEvaluations is paused for past it; null for none */
    public EvaluationPublisher(ConfigClient config, CallDeadline deadline) {
        this.config = config;
        this.deadline = deadline;
    }

    /**
     * What became of the evaluations of one call: those Config accepted, and those not put, either rejected
     * for good (still in FailedEvaluations after every attempt) or left when the call failed.
     *
     * @param failure why some were not put; null when all were accepted
     */
    public record Outcome(List<Evaluation> accepted, List<Evaluation> notPut, RuntimeException failure) {}

    /** Puts all evaluations with the event's result token; returns them once every one is accepted. */
    public List<Evaluation> put(String resultToken, List<Evaluation> evaluations) {
        for (int start = 0; start < evaluations.size(); start += MAX_PER_CALL) {
            Outcome outcome =
                    offer(resultToken, evaluations.subList(start, Math.min(evaluations.size(), start + MAX_PER_CALL)));
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
        }
        return evaluations;
    }

    /**
     * Puts at most 100 evaluations and says exactly which Config accepted; an error that survives the SDK's
     * retries is returned, not thrown, with the evaluations it left unput.
     */
    public Outcome offer(String resultToken, List<Evaluation> batch) {
        if (batch.size() > MAX_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_PER_CALL + " evaluations per PutEvaluations call");
        }
        Map<List<String>, Evaluation> pending = new LinkedHashMap<>();
        for (Evaluation evaluation : batch) {
            pending.put(key(evaluation.resourceType(), evaluation.resourceId()), evaluation);
        }
        boolean testMode = TEST_MODE_TOKEN.equals(resultToken);
        for (int attempt = 1; ; attempt++) {
            List<software.amazon.awssdk.services.config.model.Evaluation> sending =
                    pending.values().stream().map(EvaluationPublisher::toSdk).toList();
            PutEvaluationsResponse response;
            try {
                response = config.putEvaluations(request ->
                        request.resultToken(resultToken).evaluations(sending).testMode(testMode ? Boolean.TRUE : null));
            } catch (RuntimeException e) {
                return outcome(batch, pending, e);
            }
            Map<List<String>, Evaluation> failed = new LinkedHashMap<>();
            if (response.hasFailedEvaluations()) {
                for (var rejected : response.failedEvaluations()) {
                    List<String> key = key(rejected.complianceResourceType(), rejected.complianceResourceId());
                    Evaluation ours = pending.get(key);
                    if (ours != null) {
                        failed.put(key, ours);
                    }
                }
            }
            pending = failed;
            if (pending.isEmpty()) {
                return outcome(batch, pending, null);
            }
            if (attempt == FAILED_EVALUATION_ATTEMPTS) {
                Evaluation first = pending.values().iterator().next();
                return outcome(
                        batch,
                        pending,
                        new IllegalStateException("AWS Config rejected " + pending.size()
                                + " evaluation(s) after " + attempt + " attempts, e.g. " + first.resourceType() + " "
                                + first.resourceId()));
            }
            try {
                ItemRetryPause.after(attempt, FIRST_PAUSE_MILLIS, "failed evaluations", deadline);
            } catch (RuntimeException e) {
                return outcome(batch, pending, e);
            }
        }
    }

    private static Outcome outcome(
            List<Evaluation> batch, Map<List<String>, Evaluation> notPut, RuntimeException failure) {
        List<Evaluation> accepted = new ArrayList<>(batch.size() - notPut.size());
        for (Evaluation evaluation : batch) {
            if (!notPut.containsKey(key(evaluation.resourceType(), evaluation.resourceId()))) {
                accepted.add(evaluation);
            }
        }
        return new Outcome(accepted, List.copyOf(notPut.values()), failure);
    }

    private static List<String> key(String resourceType, String resourceId) {
        return Arrays.asList(resourceType, resourceId);
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
