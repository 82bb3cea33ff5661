package dev.imagedrift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: dispatches to one command class per sub-command. */
@Command(name = "imagedrift",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Watches the images a production model receives and reports drift against a reference.",
        subcommands = {
                CommandLine.HelpCommand.class,
                SnapshotCommand.class,
                CheckCommand.class,
                RunCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                EvaluateCommand.class,
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
