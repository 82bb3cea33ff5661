package dev.imagedrift.tools.evaluation;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Progress of a long task, one step at a time; steps may come from several threads. */
public interface Progress extends AutoCloseable {
    void step();

    @Override
    void close();

    /** How a caller reports each task. */
    interface Factory {
        Progress start(String task, long total, String unit);
    }

    Progress NONE = new Progress() {
        @Override public void step() {}
        @Override public void close() {}
    };

    Factory SILENT = (task, total, unit) -> NONE;

    /** A text progress bar on standard error (for terminals). */
    static Factory bar() {
        return (task, total, unit) -> {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" " + unit, 1)
                    .showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
            return new Progress() {
                @Override public void step() { bar.step(); }
                @Override public void close() { bar.close(); }
            };
        };
    }

    /** A line at every tenth of the task (for logs: no carriage returns). */
    static Factory lines(PrintStream out) {
        return (task, total, unit) -> {
            AtomicLong done = new AtomicLong();
            long started = System.nanoTime();
            out.printf(Locale.ROOT, "%s: %,d %s%n", task, total, unit);
            return new Progress() {
                @Override
                public void step() {
                    long d = done.incrementAndGet();
                    if (total >= 10 && d % (total / 10) == 0 && d < total) {
                        out.printf(Locale.ROOT, "%s: %d%% after %.0f s%n", task, Math.round(100.0 * d / total),
                                (System.nanoTime() - started) / 1e9);
                    }
                }

                @Override
                public void close() {
                    out.printf(Locale.ROOT, "%s: done, %,d %s in %.0f s%n", task, done.get(), unit,
                            (System.nanoTime() - started) / 1e9);
                }
            };
        };
    }
}
