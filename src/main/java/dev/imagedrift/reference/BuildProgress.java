package dev.imagedrift.reference;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of a snapshot build: one step per image file. Steps may come from several threads. */
interface BuildProgress extends AutoCloseable {
    void step();

    @Override
    void close();

    BuildProgress NONE = new BuildProgress() {
        @Override public void step() {}
        @Override public void close() {}
    };

    /** A text progress bar on stderr. */
    static BuildProgress onStderr(String task, long total) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" images", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        return new BuildProgress() {
            @Override public void step() { bar.step(); }
            @Override public void close() { bar.close(); }
        };
    }
}
