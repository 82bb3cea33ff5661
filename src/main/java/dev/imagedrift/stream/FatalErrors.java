package dev.imagedrift.stream;

/**
 * Which failures a stage may turn into one record's dead letter, and which it must let through.
 *
 * <p>{@link OutOfMemoryError} and {@link StackOverflowError} are caught: in this service they come
 * from one record (a decoder allocating what a crafted file declares, a deeply recursive parse), the
 * failed allocation or the unwound stack leave the JVM sound, and the next record is fine. So are
 * {@link LinkageError}s (a plugin built against another version fails on the records that reach it).
 * The other {@link VirtualMachineError}s ({@link InternalError}, {@link UnknownError}) say the VM
 * itself is broken; they are let through, the stream thread dies and is replaced, and
 * {@link RecordFailures} dead-letters the record after {@code reliability.max-record-attempts} tries.
 */
final class FatalErrors {
    private FatalErrors() {}

    static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError) && !(t instanceof StackOverflowError);
    }

    /** Rethrows {@code t} if fatal (it is then an unchecked {@link Error}); returns otherwise. */
    static void rethrowIfFatal(Throwable t) {
        if (isFatal(t)) {
            throw (Error) t;
        }
    }

    /** The dead-letter reason of a non-fatal failure while processing one record. */
    static DeadLetterReason reasonFor(Throwable t) {
        return t instanceof OutOfMemoryError ? DeadLetterReason.TOO_LARGE : DeadLetterReason.INTERNAL_ERROR;
    }

    static String message(Throwable t) {
        if (t instanceof OutOfMemoryError) {
            return "processing this record ran out of memory (" + RecordFailures.describe(t)
                    + "); it needs more than the heap can give";
        }
        return "unexpected failure: " + RecordFailures.describe(t);
    }
}
