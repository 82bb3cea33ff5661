package dev.imagedrift.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time used between two points by the threads whose names contain a marker (the monitor's
 * application id names its stream threads and its clients' network threads; the in-process broker's
 * threads do not carry it), and by the whole process. Separates what the monitor costs from what
 * the benchmark's in-process broker costs on the same cores.
 */
final class ThreadCpu {
    private final String marker;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startByThread;
    private final long processStart;

    /** Both figures in seconds. */
    record Used(double markedSeconds, double processSeconds) {}

    ThreadCpu(String marker) {
        this.marker = marker;
        this.startByThread = marked();
        this.processStart = processCpuNanos();
    }

    Used used() {
        long marked = 0;
        for (Map.Entry<Long, Long> e : marked().entrySet()) {
            marked += e.getValue() - startByThread.getOrDefault(e.getKey(), 0L); // a new thread counts from 0
        }
        return new Used(marked / 1e9, (processCpuNanos() - processStart) / 1e9);
    }

    private Map<Long, Long> marked() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(marker)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) cpu.put(info.getThreadId(), t);
            }
        }
        return cpu;
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
