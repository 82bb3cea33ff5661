package dev.imagedrift.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gate's rule, step by step as Kafka Streams drives it: reports pass once the commit after
 * them is known to have succeeded, and a task closed before that (its thread died, its commit
 * failed) drops them, so its replay is counted once.
 */
class CommitGateTest {
    private final List<String> seen = new ArrayList<>();
    private final MonitorListener recording = new MonitorListener() {
        @Override
        public void imageProcessed(String stream, long extractionNanos) {
            seen.add(stream);
        }
    };

    @Test
    void reportsPassOnlyAfterTheirCommitSucceeded() {
        CommitGate gate = new CommitGate("g", recording);
        MonitorListener l = gate.listener();
        l.imageProcessed("a", 1);
        assertEquals(List.of(), seen, "nothing before a commit");
        gate.flushCache(); // Streams is about to commit
        assertEquals(List.of(), seen, "not while the commit may still fail");
        l.imageProcessed("b", 1); // the task goes on: the commit succeeded
        assertEquals(List.of("a"), seen);
        gate.flushCache();
        gate.commit(Map.of()); // checkpoint after a clean commit
        assertEquals(List.of("a", "b"), seen);
    }

    /**
     * A report the gate does not override would fall to the interface's no-op default and never reach the metrics.
     * The fetch stage's reports are the exception: they count requests to the image servers (a fetch repeated
     * after a crash is a real second request), so that stage reports to the metrics directly, never through a gate.
     */
    @Test
    void theGateHoldsBackEveryKindOfReport() throws Exception {
        java.util.Set<String> reportedDirectly = java.util.Set.of("imageFetched", "fetchesWaiting");
        Class<?> gated = new CommitGate("g", recording).listener().getClass();
        for (java.lang.reflect.Method m : MonitorListener.class.getDeclaredMethods()) {
            if (m.isDefault() && !reportedDirectly.contains(m.getName())) {
                assertEquals(gated, gated.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass(),
                        m.getName());
            }
        }
    }

    @Test
    void aPeriodicPublicationPassesCommittedReportsOfAQuietTask() {
        CommitGate gate = new CommitGate("g", recording);
        gate.listener().imageProcessed("a", 1);
        gate.flushCache();
        gate.publishCommitted();
        assertEquals(List.of("a"), seen);
    }

    @Test
    void aTaskThatDiesBeforeItsCommitDropsItsReportsAndTheReplayCountsOnce() {
        CommitGate first = new CommitGate("g", recording);
        first.listener().imageProcessed("a", 1);
        first.listener().imageProcessed("b", 1);
        first.close(); // the thread died: closed dirty, no commit
        CommitGate replay = new CommitGate("g", recording); // the new task instance reprocesses a and b
        replay.listener().imageProcessed("a", 1);
        replay.listener().imageProcessed("b", 1);
        replay.flushCache();
        replay.commit(Map.of());
        assertEquals(List.of("a", "b"), seen);
    }

    @Test
    void aFailedCommitDropsTheReportsItCarried() {
        CommitGate gate = new CommitGate("g", recording);
        gate.listener().imageProcessed("a", 1);
        gate.flushCache();
        gate.close(); // the commit failed: the task is closed dirty without a checkpoint
        assertEquals(List.of(), seen);
    }

    @Test
    void aFailingListenerDoesNotFailTheCommit() {
        CommitGate gate = new CommitGate("g", new MonitorListener() {
            @Override
            public void imageProcessed(String stream, long extractionNanos) {
                throw new IllegalStateException("metrics bug");
            }
        });
        gate.listener().imageProcessed("a", 1);
        gate.flushCache();
        gate.commit(Map.of());
    }
}
