package dev.ecspublicip.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.ecspublicip.testing.ecs.EcsStandIn;
import dev.ecspublicip.testing.protocol.JsonProtocolStandIn.Call;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs remediations side by side against the ECS stand-in and lets the test choose, call by call, whose
 * ECS call goes next. Each run's ECS calls (its client names it, {@link EcsStandIn#client(String)}) wait
 * at the stand-in until the test lets one through; a step ends only once that run has sent its next ECS
 * call or ended, so ECS acts in exactly the order the test writes. Calls to Config and EC2 are not held:
 * they change nothing.
 */
final class Interleaving implements AutoCloseable {
    private static final long WAIT_MILLIS = 10_000;

    private record Held(String operation, CountDownLatch release) {}

    private static final class Run {
        final BlockingQueue<Held> held = new LinkedBlockingQueue<>();
        volatile Future<JsonObject> result;
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    Interleaving(EcsStandIn ecs) {
        ecs.beforeEachCall(this::hold);
    }

    /** Starts a run named {@code caller}; it goes as far as its first ECS call and waits there. */
    void start(String caller, Supplier<JsonObject> invocation) {
        Run run = new Run();
        runs.put(caller, run);
        run.result = threads.submit(invocation::get);
    }

    /** Lets the caller's next ECS call through, asserting which operation it is; see {@link #step(String)}. */
    void step(String caller, String operation) {
        assertEquals(Optional.of(operation), next(caller), caller + "'s next ECS call");
        step(caller);
    }

    /**
     * Lets the caller's next ECS call through and waits until ECS has answered it and the run has sent
     * its next ECS call or ended. The operation let through; empty when the run had ended already.
     */
    Optional<String> step(String caller) {
        Run run = runs.get(caller);
        Optional<String> next = next(caller);
        if (next.isPresent()) {
            run.held.remove().release().countDown();
            awaitHeldOrEnded(run);
        }
        return next;
    }

    /** The operation of the caller's call now waiting; empty when its run has ended. */
    Optional<String> next(String caller) {
        Run run = runs.get(caller);
        awaitHeldOrEnded(run);
        Held held = run.held.peek();
        return held == null ? Optional.empty() : Optional.of(held.operation());
    }

    boolean ended(String caller) {
        return next(caller).isEmpty();
    }

    /**
     * Lets the caller's calls through until its run ends; the run's result. Later calls of that caller
     * are no longer held.
     */
    JsonObject finish(String caller) {
        while (step(caller).isPresent()) {
            // each step lets one call through
        }
        try {
            return runs.remove(caller).result.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(caller + "'s run failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(caller + "'s run did not end", e);
        }
    }

    @Override
    public void close() {
        runs.values().forEach(run -> run.held.forEach(held -> held.release().countDown()));
        threads.shutdownNow();
    }

    private void hold(Call call) {
        Run run = EcsStandIn.caller(call).map(runs::get).orElse(null);
        if (run == null) {
            return;
        }
        Held held = new Held(call.operation(), new CountDownLatch(1));
        run.held.add(held);
        try {
            if (!held.release().await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(call.operation() + " was held and never let through");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitHeldOrEnded(Run run) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (run.held.isEmpty() && !run.result.isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a run neither called ECS nor ended within " + WAIT_MILLIS + " ms");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
