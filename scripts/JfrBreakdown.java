/*
 * Where the CPU goes while the monitor streams: reads a Java Flight Recorder file of a `bench
 * throughput` run and prints, for the streaming phase only, (1) the CPU each group of threads used
 * (stream threads, the in-process broker, the Kafka clients' network threads, GC, JIT, ...), from
 * jdk.ThreadCPULoad, and (2) what the stream threads were running, from the execution samples,
 * by the code at the top of the stack, and by the phase of the stream loop the sample fell in.
 *
 *   java scripts/JfrBreakdown.java RECORDING.jfr FROM_EPOCH_MS TO_EPOCH_MS
 *
 * scripts/profile-stream.sh runs the benchmark and this. Single-file program, JDK only.
 */

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

public class JfrBreakdown {
    /** Code categories, first match from the top of the stack wins. */
    static final List<String[]> CODE = List.of(
            new String[] {"RocksDB (state stores)", "org.rocksdb."},
            new String[] {"image decode", "javax.imageio.", "com.sun.imageio.", "dev.imagedrift.image.", "sun.awt.image.",
                    "java.awt.image.", "org.libjpegturbo."},
            new String[] {"properties kernel", "dev.imagedrift.properties."},
            new String[] {"serdes and JSON", "com.fasterxml.", "dev.imagedrift.stream.ObservationSerde",
                    "dev.imagedrift.window.SampleCodec", "dev.imagedrift.stream.JsonSerde",
                    "org.apache.kafka.common.serialization."},
            new String[] {"sampling (gate, reservoir)", "dev.imagedrift.window.", "dev.imagedrift.stream.DecodeGate"},
            new String[] {"other monitor code", "dev.imagedrift."},
            new String[] {"Kafka record batches, CRC, compression", "org.apache.kafka.common.record.",
                    "org.apache.kafka.common.utils.Crc32C", "java.util.zip.", "com.github.luben.", "org.xerial."},
            new String[] {"Kafka producer (sends, transactions)", "org.apache.kafka.clients.producer."},
            new String[] {"Kafka consumer (fetch, poll)", "org.apache.kafka.clients.consumer."},
            new String[] {"Kafka network", "org.apache.kafka.common.network.", "org.apache.kafka.clients.",
                    "sun.nio.", "java.nio."},
            new String[] {"Kafka Streams runtime", "org.apache.kafka.streams."},
            new String[] {"JDK and other", ""});

    /** Phases of a stream thread's loop, first match from the top of the stack wins. */
    static final List<String[]> PHASES = List.of(
            new String[] {"commit (flush stores, producer, transaction)", "TaskExecutor.commitOffsetsOrTransaction",
                    "TaskManager.commit", "StreamThread.maybeCommit", "TaskExecutor.commitTasksAndMaybeUpdateCommittableOffsets"},
            new String[] {"punctuate (closing windows)", "punctuate"},
            new String[] {"process records", "StreamTask.process", "StreamTask.doProcess"},
            new String[] {"poll", "StreamThread.pollRequests", "KafkaConsumer.poll", "ClassicKafkaConsumer.poll",
                    "AsyncKafkaConsumer.poll"},
            new String[] {"other", ""});

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long from = Long.parseLong(args[1]);
        long to = Long.parseLong(args[2]);
        Map<String, double[]> cpuByGroup = new TreeMap<>(); // group -> {sum of load, samples per thread-interval}
        Map<String, Integer> code = new LinkedHashMap<>();
        Map<String, Integer> phases = new LinkedHashMap<>();
        Map<String, Integer> samplesByGroup = new TreeMap<>();
        Map<String, Map<String, Integer>> topByGroup = new TreeMap<>();
        int streamSamples = 0;
        int streamWaiting = 0;
        double jvmCpu = 0;
        double machineCpu = 0;
        int cpuSamples = 0;
        double gcPauseMs = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            long t = e.getStartTime().toEpochMilli();
            if (t < from || t > to) continue;
            String type = e.getEventType().getName();
            if (type.equals("jdk.CPULoad")) {
                jvmCpu += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                machineCpu += e.getFloat("machineTotal");
                cpuSamples++;
            } else if (type.equals("jdk.GarbageCollection")) {
                gcPauseMs += e.getDuration("sumOfPauses").toNanos() / 1e6;
            } else if (type.equals("jdk.ThreadCPULoad")) {
                RecordedThread thread = e.getThread("eventThread");
                String group = group(thread == null ? null : thread.getJavaName());
                double load = e.getFloat("user") + e.getFloat("system");
                cpuByGroup.computeIfAbsent(group, g -> new double[2])[0] += load;
            } else if (type.equals("jdk.ExecutionSample") || type.equals("jdk.NativeMethodSample")) {
                RecordedThread thread = e.getThread("sampledThread");
                String group = group(thread == null ? null : thread.getJavaName());
                samplesByGroup.merge(group + (type.endsWith("NativeMethodSample") ? " (native)" : ""), 1, Integer::sum);
                if (type.equals("jdk.ExecutionSample")) {
                    topByGroup.computeIfAbsent(group, g -> new TreeMap<>()).merge(topFrames(e.getStackTrace()), 1,
                            Integer::sum);
                }
                if (!group.equals("stream threads")) {
                    continue;
                }
                if (type.endsWith("NativeMethodSample") && waiting(e.getStackTrace())) {
                    streamWaiting++; // blocked: in a poll, a network wait, a lock or a sleep
                    continue;
                }
                streamSamples++;
                code.merge(classify(e.getStackTrace(), CODE, true), 1, Integer::sum);
                phases.merge(classify(e.getStackTrace(), PHASES, false), 1, Integer::sum);
            }
        }
        double seconds = (to - from) / 1000.0;
        System.out.printf(Locale.ROOT, "streaming phase %s .. %s (%.1f s)%n%n", Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to), seconds);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "This JVM used %.2f of %d cores on average; the whole machine was %.0f%% busy "
                + "(jdk.CPULoad); GC pauses %.1f s in all%n%n", cores * jvmCpu / Math.max(1, cpuSamples), cores,
                100 * machineCpu / Math.max(1, cpuSamples), gcPauseMs / 1000);
        System.out.println("CPU by thread group (jdk.ThreadCPULoad, share of one core summed over the recording's"
                + " intervals; the machine's total is cores x intervals):");
        double total = cpuByGroup.values().stream().mapToDouble(v -> v[0]).sum();
        cpuByGroup.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(en -> System.out.printf(Locale.ROOT, "  %-34s %5.1f%%%n", en.getKey(), 100 * en.getValue()[0] / total));
        System.out.println();
        System.out.println("Execution samples by thread group:");
        samplesByGroup.forEach((g, n) -> System.out.printf(Locale.ROOT, "  %-44s %,8d%n", g, n));
        System.out.println();
        for (String g : List.of("broker (in-process)", "stream threads")) {
            Map<String, Integer> top = topByGroup.getOrDefault(g, Map.of());
            int all = top.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf(Locale.ROOT, "Top running methods of the %s (%,d samples):%n", g, all);
            top.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(12)
                    .forEach(en -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * en.getValue() / all, en.getKey()));
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "Stream threads: %,d samples running (Java or native code) and %,d blocked "
                + "in native waits (%.0f%% of their samples)%n", streamSamples, streamWaiting,
                100.0 * streamWaiting / Math.max(1, streamSamples + streamWaiting));
        System.out.printf(Locale.ROOT, "Stream threads, %,d running samples, by the code running:%n", streamSamples);
        final int n = streamSamples;
        code.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(en -> System.out.printf(Locale.ROOT, "  %-44s %5.1f%%%n", en.getKey(), 100.0 * en.getValue() / n));
        System.out.println();
        System.out.println("Stream threads, by phase of the loop:");
        phases.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(en -> System.out.printf(Locale.ROOT, "  %-44s %5.1f%%%n", en.getKey(), 100.0 * en.getValue() / n));
    }

    /** The top frame, and the first frame outside the JDK under it, as one short label. */
    static String topFrames(RecordedStackTrace st) {
        if (st == null || st.getFrames().isEmpty()) return "no stack";
        String top = name(st.getFrames().get(0));
        for (RecordedFrame f : st.getFrames()) {
            String n = name(f);
            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
                return n.equals(top) ? top : top + " < " + n;
            }
        }
        return top;
    }

    static String name(RecordedFrame f) {
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.', type.lastIndexOf('.') - 1) + 1) + "." + f.getMethod().getName();
    }

    /** Native frames where a thread waits rather than computes. */
    static boolean waiting(RecordedStackTrace st) {
        if (st == null || st.getFrames().isEmpty()) return true;
        String top = st.getFrames().get(0).getMethod().getType().getName() + "." + st.getFrames().get(0).getMethod().getName();
        return top.contains("EPoll") || top.contains("Unsafe.park") || top.contains("Object.wait")
                || top.contains("Thread.sleep") || top.contains("SocketDispatcher") || top.contains("poll")
                || top.contains("FileDispatcherImpl.force") || top.contains("Thread.yield");
    }

    static String group(String thread) {
        if (thread == null) return "native / unknown";
        if (thread.contains("-StreamThread-")) return "stream threads";
        if (thread.startsWith("kafka-producer-network-thread")) return "producer network threads";
        if (thread.contains("consumer_background") || thread.contains("heartbeat")) return "consumer background threads";
        if (thread.startsWith("data-plane-kafka") || thread.startsWith("kafka-") || thread.contains("quorum")
                || thread.startsWith("broker-") || thread.contains("Controller") || thread.contains("raft")
                || thread.startsWith("ExpirationReaper") || thread.contains("LogCleaner") || thread.contains("scheduler")
                || thread.startsWith("ReplicaFetcher") || thread.contains("transaction") || thread.contains("group-coordinator")
                || thread.contains("RequestSendThread") || thread.startsWith("data-plane") || thread.contains("kafka"))
            return "broker (in-process)";
        if (thread.startsWith("C1 ") || thread.startsWith("C2 ")) return "JIT compiler";
        if (thread.startsWith("GC ") || thread.startsWith("G1 ") || thread.contains("GC")) return "GC";
        if (thread.startsWith("pool-")) return "extractor-alone pool";
        return "other: " + thread.replaceAll("[0-9]+", "N");
    }

    static String classify(RecordedStackTrace st, List<String[]> categories, boolean byTopFrame) {
        if (st == null) return "no stack";
        for (RecordedFrame f : st.getFrames()) {
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            for (String[] c : categories) {
                for (int i = 1; i < c.length; i++) {
                    if (!c[i].isEmpty() && (byTopFrame ? name.startsWith(c[i]) : name.contains(c[i]))) {
                        return c[0];
                    }
                }
            }
            if (byTopFrame && !name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return "JDK and other"; // the first non-JDK frame decides; none matched
            }
        }
        return categories.get(categories.size() - 1)[0];
    }
}
