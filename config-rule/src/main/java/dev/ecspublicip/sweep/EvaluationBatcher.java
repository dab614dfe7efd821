package dev.ecspublicip.sweep;

import dev.ecspublicip.config.Evaluation;
import dev.ecspublicip.config.EvaluationPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers evaluations from concurrent workers and puts them in full calls of 100 (only the last call of a
 * run is partial), in the thread that filled the call. {@link EvaluationPublisher} puts each call, retrying
 * FailedEvaluations; exactly the evaluations Config accepted are counted as put and handed on, and those
 * it did not accept are counted as not put, with the reason (an AWS failure, or the time budget).
 */
final class EvaluationBatcher {
    private final EvaluationPublisher publisher;
    private final String resultToken;
    private final Consumer<Evaluation> onPut;
    private final SweepReport report;
    private List<Evaluation> pending = new ArrayList<>(EvaluationPublisher.MAX_PER_CALL);

    EvaluationBatcher(
            EvaluationPublisher publisher, String resultToken, Consumer<Evaluation> onPut, SweepReport report) {
        this.publisher = publisher;
        this.resultToken = resultToken;
        this.onPut = onPut;
        this.report = report;
    }

    void add(Evaluation evaluation) {
        List<Evaluation> full = null;
        synchronized (this) {
            pending.add(evaluation);
            if (pending.size() == EvaluationPublisher.MAX_PER_CALL) {
                full = pending;
                pending = new ArrayList<>(EvaluationPublisher.MAX_PER_CALL);
            }
        }
        if (full != null) {
            put(full);
        }
    }

    /** Puts what is left; call once every worker has finished. */
    void flush() {
        List<Evaluation> rest;
        synchronized (this) {
            rest = pending;
            pending = new ArrayList<>(0);
        }
        if (!rest.isEmpty()) {
            put(rest);
        }
    }

    private void put(List<Evaluation> batch) {
        EvaluationPublisher.Outcome outcome = publisher.offer(resultToken, batch);
        report.put(outcome.accepted().size());
        outcome.accepted().forEach(onPut);
        if (outcome.failure() != null) {
            report.notPut(outcome.notPut().size(), outcome.failure());
        }
    }
}
