package dev.imagedrift.tools.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Where and how a run happened, for the report: the figures depend on the machine only through
 * the elapsed time, but readers need to know both.
 *
 * @param started       when the run started
 * @param dataTime      time to build (or read from the cache) the property vectors
 * @param trialTime     time of the trials
 * @param cachedVectors whether the vectors came from the cache
 * @param threads       trial threads
 * @param machine       processor, cores, operating system
 * @param java          Java runtime
 * @param loadBefore    the one-minute load average when the run started (Linux), or empty
 * @param loadAfter     the same when the trials ended
 * @param command       the command that regenerates the report
 * @param note          a free note (for example "measured under load")
 */
public record RunInfo(Instant started, Duration dataTime, Duration trialTime, boolean cachedVectors, int threads,
                      String machine, String java, String loadBefore, String loadAfter, String command, String note) {

    /** The fields as text, for the trial log (the command is not stored: it is re-derived). */
    Map<String, String> toHeader() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("started", started.toString());
        h.put("dataTime", dataTime.toString());
        h.put("trialTime", trialTime.toString());
        h.put("cachedVectors", Boolean.toString(cachedVectors));
        h.put("threads", Integer.toString(threads));
        h.put("machine", machine);
        h.put("java", java);
        h.put("loadBefore", loadBefore);
        h.put("loadAfter", loadAfter);
        h.put("note", note);
        return h;
    }

    /** The run recorded in a trial log's header, with the given command. */
    static RunInfo fromHeader(Map<String, String> h, String command) {
        try {
            return new RunInfo(Instant.parse(h.get("started")), Duration.parse(h.get("dataTime")),
                    Duration.parse(h.get("trialTime")), Boolean.parseBoolean(h.get("cachedVectors")),
                    Integer.parseInt(h.get("threads")), h.get("machine"), h.get("java"), h.getOrDefault("loadBefore", ""),
                    h.getOrDefault("loadAfter", ""), command, h.getOrDefault("note", ""));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the trial log's run details are incomplete: " + h.keySet(), e);
        }
    }

    /** Processor model (from /proc/cpuinfo where there is one), cores and operating system. */
    public static String describeMachine() {
        String cpu = "unknown processor";
        try {
            Path info = Path.of("/proc/cpuinfo");
            if (Files.isReadable(info)) {
                List<String> lines = Files.readAllLines(info);
                for (String line : lines) {
                    if (line.startsWith("model name")) {
                        cpu = line.substring(line.indexOf(':') + 1).trim();
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Keep "unknown processor": the description is informative only.
        }
        return String.format(Locale.ROOT, "%s, %d cores available to the JVM, %s %s (%s), max heap %,d MB", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    public static String describeJava() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    /** The one-minute load average (Linux /proc/loadavg), or "" where there is none. */
    public static String loadAverage() {
        try {
            Path load = Path.of("/proc/loadavg");
            if (Files.isReadable(load)) return Files.readString(load).trim().split("\\s+")[0];
        } catch (IOException | RuntimeException e) {
            // No load figure on this system.
        }
        return "";
    }
}
