package dev.imagedrift.cli;

/** The command line's exit codes: one meaning each, so CI pipelines can gate on them. */
public final class ExitCodes {
    /** No drift (check), or the command did its job. */
    public static final int OK = 0;
    /** check: drift detected. */
    public static final int DRIFT = 1;
    /** run: the monitor stopped on a failure (the Kafka Streams client failed, or the cluster stayed out of reach). */
    public static final int FAILED = 1;
    /** Wrong usage or an input the command cannot use (bad option, unreadable file, bad configuration). */
    public static final int USAGE = 2;
    /** check: too few images on a side to decide (unless {@code --insufficient-data-ok}). */
    public static final int INSUFFICIENT_DATA = 3;

    static final String LIST_OK = "0:no drift / success";
    static final String LIST_DRIFT = "1:drift detected (check); the monitor failed (run)";
    static final String LIST_USAGE = "2:usage or input error";
    static final String LIST_INSUFFICIENT = "3:not enough data to decide (check; --insufficient-data-ok makes it 0)";

    private ExitCodes() {}
}
