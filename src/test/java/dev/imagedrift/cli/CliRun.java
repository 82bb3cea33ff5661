package dev.imagedrift.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of a command line in-process, with what it printed: for the command tests. */
public record CliRun(int exitCode, String out, String err) {
    /** The production artifact's command line. */
    static CliRun of(String... args) {
        return of(Main.commandLine(), args);
    }

    /** Any command line built like the production one (the tools' entry point adds commands to it). */
    public static CliRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int rc = Main.run(commandLine, args);
        return new CliRun(rc, out.toString(), err.toString());
    }
}
