package dev.imagedrift.image;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes the current thread allocates while running a task (HotSpot's per-thread allocation
 * counter: every object and array, garbage included, so an upper bound of the task's peak).
 */
final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {}

    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    /** Bytes allocated by {@code task} on this thread; exceptions from the task propagate. */
    static long measure(Task task) throws Exception {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        task.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
