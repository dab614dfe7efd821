package dev.ecspublicip.sweep;

import dev.ecspublicip.config.PriorEvaluations;
import dev.ecspublicip.resource.ResourceKey;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;

/**
 * The keys a sweep has listed, shared by the threads that list (one per resource type) and the thread that
 * starts batch reads: every key listed (for the cleanup at the end), the keys waiting to be read, and the
 * keys Config no longer returned when read. Keys only; configuration items are never held here.
 */
final class ListedKeys {
    private final Set<ResourceKey> listed = new HashSet<>();
    private final List<ResourceKey> missing = new ArrayList<>();
    private Queue<Waiting> waiting = new ArrayDeque<>();
    private long sequence;
    private int listingsRunning;
    private boolean listingComplete = true;
    private PriorEvaluations prior;
    private boolean ordered;
    private boolean stopped;

    /** Called once, before the listings start. */
    synchronized void listingsStarted(int count) {
        listingsRunning = count;
    }

    /** A page: all its keys were listed, {@code toRead} of them wait to be read. */
    synchronized void listed(List<ResourceKey> page, List<ResourceKey> toRead) {
        listed.addAll(page);
        for (ResourceKey key : toRead) {
            waiting.add(new Waiting(key, sequence++));
        }
        notifyAll();
    }

    synchronized void listingEnded(boolean complete) {
        listingsRunning--;
        listingComplete &= complete;
        notifyAll();
    }

    /** The rule's earlier evaluations are read: from now on the waiting keys go least recently judged first. */
    synchronized void priorRead(PriorEvaluations read) {
        prior = read;
        notifyAll();
    }

    /**
     * The next {@code size} keys to read, waiting until that many are listed or listing is over; empty
     * when nothing is left.
     */
    synchronized List<ResourceKey> nextBatch(int size) {
        while (waiting.size() < size && listingsRunning > 0) {
            orderIfJudgedBefore();
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the inventory", e);
            }
        }
        orderIfJudgedBefore();
        List<ResourceKey> batch = new ArrayList<>(Math.min(size, waiting.size()));
        while (batch.size() < size && !waiting.isEmpty()) {
            batch.add(waiting.poll().key());
        }
        return batch;
    }

    /** Keys taken but not read because the run stopped. */
    synchronized void giveBack(List<ResourceKey> keys) {
        for (ResourceKey key : keys) {
            waiting.add(new Waiting(key, sequence++));
        }
    }

    /** No more reads start; what still waits is left for the next run. */
    synchronized void stop() {
        stopped = true;
    }

    /** How many listed keys were left unread because the run stopped; empty if it did not. */
    synchronized Optional<Integer> leftUnread() {
        return stopped ? Optional.of(waiting.size()) : Optional.empty();
    }

    /** Keys listed but not returned by BatchGetResourceConfig, which leaves out deleted resources. */
    synchronized void missing(List<ResourceKey> keys) {
        missing.addAll(keys);
    }

    synchronized List<ResourceKey> missing() {
        return List.copyOf(missing);
    }

    synchronized boolean wasListed(ResourceKey key) {
        return listed.contains(key);
    }

    synchronized int listedCount() {
        return listed.size();
    }

    /** Whether every listing read its last page. */
    synchronized boolean listingComplete() {
        return listingComplete && listingsRunning == 0;
    }

    /** A key waiting to be read, and when it was listed (ties keep listing order). */
    private record Waiting(ResourceKey key, long sequence) {}

    /** Never-judged resources first, then by when Config recorded their last evaluation, oldest first. */
    static Comparator<ResourceKey> leastRecentlyJudgedFirst(PriorEvaluations prior) {
        return Comparator.comparing(
                key -> prior.of(key).map(PriorEvaluations.Prior::recordedTime).orElse(Instant.MIN));
    }

    private void orderIfJudgedBefore() {
        if (prior != null && !ordered) {
            Comparator<ResourceKey> byKey = leastRecentlyJudgedFirst(prior);
            PriorityQueue<Waiting> byLastJudged = new PriorityQueue<>(
                    Math.max(1, waiting.size()),
                    Comparator.<Waiting, ResourceKey>comparing(Waiting::key, byKey)
                            .thenComparingLong(Waiting::sequence));
            byLastJudged.addAll(waiting);
            waiting = byLastJudged;
            ordered = true;
        }
    }
}
