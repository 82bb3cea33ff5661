package dev.imagedrift.tools;

import dev.imagedrift.cli.Main;
import dev.imagedrift.tools.bench.BenchCommand;
import dev.imagedrift.tools.demo.DemoCommand;
import dev.imagedrift.tools.evaluation.EvaluateCommand;
import dev.imagedrift.tools.evaluation.EvaluateEmbeddingsCommand;
import picocli.CommandLine;

/**
 * Entry point of the tools artifact: every production command plus {@code demo}, {@code bench} and
 * {@code evaluate}, which need the in-process Kafka broker and the chart library.
 */
public final class ToolsMain {
    private ToolsMain() {}

    public static void main(String[] args) {
        System.exit(Main.run(commandLine(), args));
    }

    /** The production command line with the tools added; shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        return Main.commandLine()
                .addSubcommand(new DemoCommand())
                .addSubcommand(new BenchCommand())
                .addSubcommand(new EvaluateCommand())
                .addSubcommand(new EvaluateEmbeddingsCommand());
    }
}
