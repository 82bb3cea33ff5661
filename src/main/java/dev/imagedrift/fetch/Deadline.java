package dev.imagedrift.fetch;

import java.time.Duration;

/** A point in {@link System#nanoTime()} time by which a fetch must be over, redirects included. */
record Deadline(long atNanos) {
    static Deadline after(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos());
    }

    long remainingNanos() {
        return atNanos - System.nanoTime();
    }

    boolean passed() {
        return remainingNanos() <= 0;
    }
}
