package dev.imagedrift.reference;

import java.io.IOException;
import java.nio.file.Path;

/** A snapshot file that cannot be used; the message names the file and the problem. */
public final class InvalidSnapshotException extends IOException {
    private final transient Path file;
    private final String problem;

    public InvalidSnapshotException(Path file, String problem) {
        this(file, problem, null);
    }

    public InvalidSnapshotException(Path file, String problem, Throwable cause) {
        super("invalid reference snapshot " + file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() { return file; }

    /** The problem alone, without the file name. */
    public String problem() { return problem; }
}
