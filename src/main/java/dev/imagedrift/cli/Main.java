package dev.imagedrift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Entry point of the production artifact: {@code snapshot}, {@code check} and {@code run}. The tools
 * ({@code demo}, {@code bench}, {@code evaluate}) live in a separate artifact with their own entry point,
 * so this one carries no broker and no chart library.
 */
@Command(name = "imagedrift",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Watches the images a production model receives and reports drift against a reference.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                ExitCodes.LIST_OK, ExitCodes.LIST_DRIFT, ExitCodes.LIST_USAGE, ExitCodes.LIST_INSUFFICIENT},
        subcommands = {
                CommandLine.HelpCommand.class,
                SnapshotCommand.class,
                CheckCommand.class,
                RunCommand.class,
        })
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(commandLine(), args));
    }

    /** The configured command line, shared by {@link #main}, the tools' entry point and the tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * Runs a command line. A mistyped option is named with its closest match even when required options
     * are missing too (picocli would report only the missing ones), and usage errors exit with
     * {@link ExitCodes#USAGE}.
     */
    public static int run(CommandLine commandLine, String... args) {
        commandLine.setParameterExceptionHandler(Main::usageError);
        return commandLine.execute(args);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        List<String> unmatched = cmd.getUnmatchedArguments();
        if (!(e instanceof UnmatchedArgumentException) && !unmatched.isEmpty()) {
            // The real mistake is the unknown argument, not the required option it failed to set.
            e = new UnmatchedArgumentException(cmd, unmatched);
        }
        err.println(cmd.getColorScheme().errorText(e.getMessage()));
        if (e instanceof UnmatchedArgumentException u && !UnmatchedArgumentException.printSuggestions(u, err)) {
            err.println("(no option of '" + cmd.getCommandName() + "' is close to it)");
        }
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        return ExitCodes.USAGE;
    }

    /** No command given: the usage, as an error (a script that forgot its command must not pass). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
