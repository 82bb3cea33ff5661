package dev.imagedrift.fetch;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * At most {@code permits} fetches in progress; the others wait, first come first served. Every
 * started task must call {@link #done()} once, when its fetch is over; the next waiting task then
 * starts on {@code starter} (never inside {@code done()}, so a run of tasks that end at once
 * cannot nest calls).
 */
final class ConcurrencyLimit {
    private final int permits;
    private final Executor starter;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    ConcurrencyLimit(int permits, Executor starter) {
        this.permits = permits;
        this.starter = starter;
    }

    void submit(Runnable start) {
        synchronized (this) {
            if (running >= permits) {
                waiting.add(start);
                return;
            }
            running++;
        }
        start.run();
    }

    void done() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        starter.execute(next); // the permit passes straight to the next task
    }

    synchronized int running() {
        return running;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
