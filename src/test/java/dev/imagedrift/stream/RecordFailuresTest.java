package dev.imagedrift.stream;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A record is blamed for the thread deaths that happen while it is in flight, and given up after the limit. */
class RecordFailuresTest {
    private final SourcePosition poison = new SourcePosition("image-events", 0, 42);

    @Test
    void theRecordInFlightIsBlamedAndGivenUpOnAfterMaxAttempts() throws Exception {
        RecordFailures failures = new RecordFailures(3);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertNull(failures.exhausted(poison), "attempt " + attempt + " may run");
            int a = attempt;
            runOnAThreadThatDies(failures, () -> {
                var blamed = failures.threadFailed(new InternalError("boom " + a));
                assertEquals(poison, blamed.getKey());
                assertEquals(a, blamed.getValue().count());
            });
        }
        RecordFailures.Failure given = failures.exhausted(poison);
        assertNotNull(given);
        assertTrue(failures.message(given).contains("3 times") && failures.message(given).contains("boom 3"),
                failures.message(given));
    }

    @Test
    void aThreadBetweenRecordsBlamesNothingAndASuccessForgetsTheFailures() throws Exception {
        RecordFailures failures = new RecordFailures(2);
        runOnAThreadThatDies(failures, () -> failures.threadFailed(new InternalError("x")));
        failures.begin(poison);
        failures.end(); // processed fine this time
        assertNull(failures.exhausted(poison));
        failures.begin(poison);
        failures.end();
        assertNull(Thread.currentThread().isInterrupted() ? "" : null);
        AtomicReference<Object> blamed = new AtomicReference<>("unset");
        Thread t = new Thread(() -> blamed.set(failures.threadFailed(new InternalError("between records"))));
        t.start();
        t.join();
        assertNull(blamed.get());
    }

    /** Starts the record on a fresh thread, which then "dies": {@code onDeath} plays the uncaught-exception handler. */
    private void runOnAThreadThatDies(RecordFailures failures, Runnable onDeath) throws InterruptedException {
        AtomicReference<Throwable> problem = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                failures.begin(poison);
                onDeath.run(); // no end(): the thread died on the record
            } catch (Throwable e) {
                problem.set(e);
            }
        });
        t.start();
        t.join();
        if (problem.get() != null) {
            throw new AssertionError(problem.get());
        }
    }
}
