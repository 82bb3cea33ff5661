package dev.imagedrift.stream;

import dev.imagedrift.config.MonitorConfig;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.reference.ReferenceSet;
import dev.imagedrift.tools.bench.SyntheticProperties;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Locks the topology's node, store and topic names. Store and repartition names become the names of
 * internal changelog and repartition topics, and node names appear in metrics and logs: renaming one
 * silently orphans a deployed instance's state. A change here must be deliberate (and documented as
 * needing an application reset or a migration).
 */
class TopologyNamesTest {
    private final TopologyDescription description = DriftTopology.build(MonitorConfig.defaults(),
            PropertySet.defaults(), ReferenceSet.global(new SyntheticProperties(1).reference(50).toSamples(), "v"),
            Detectors.create(DetectorSettings.calibratedDefaults()), MonitorListener.NONE, Clock.systemUTC())
            .describe();

    @Test
    void nodeNamesAreLocked() {
        assertEquals(new TreeSet<>(List.of(
                "image-events", "fetch-images", "extract-properties", "extracted-", "extracted-dead", "extracted-ok",
                "extract-dead-letters", "extract-dead-letter-sink", "observations",
                "observations-by-stream-repartition-filter", "observations-by-stream-repartition-sink",
                "observations-by-stream-repartition-source", "window-sampler", "windowed-", "windowed-late",
                "windowed-scored", "late-dead-letters", "late-dead-letter-sink", "scores", "scores-sink",
                "alert-state", "alerts-sink")), nodeNames());
    }

    @Test
    void storeNamesAreLocked() {
        Set<String> stores = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Processor p) stores.addAll(p.stores());
        }));
        assertEquals(new TreeSet<>(List.of(FetchProcessor.STORE, DecodeGate.STORE, WindowProcessor.TALLIES_STORE,
                WindowProcessor.SAMPLES_STORE, WindowProcessor.INDEX_STORE, AlertProcessor.STORE, StreamClocks.STORE,
                DriftTopology.EXTRACT_REPORTS, DriftTopology.WINDOW_REPORTS, DriftTopology.ALERT_REPORTS)), stores);
        // window-counts and window-samples became window-tallies and window-reservoir with the bottom-k
        // sample (new formats); an upgrade starts those windows afresh (README, "Windows and state").
        assertEquals(List.of("alert-reports", "alert-state", "decode-gate", "extract-reports", "pending-fetches",
                        "stream-clock", "window-index", "window-reports", "window-reservoir", "window-tallies"),
                new ArrayList<>(stores), "the literal names, which name the changelog topics (the -reports stores have none)");
    }

    @Test
    void topicsAreTheConfiguredOnesAndOneRepartition() {
        Set<String> topics = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Source src) topics.addAll(src.topicSet());
            if (n instanceof TopologyDescription.Sink sink) topics.add(sink.topic());
        }));
        assertEquals(new TreeSet<>(List.of("image-events", "image-events-dlq", "image-drift-scores",
                "image-drift-alerts", "observations-by-stream-repartition")), topics);
        assertEquals(2, description.subtopologies().size(), "fetch and extraction, and windows + alerts after the repartition");
    }

    private Set<String> nodeNames() {
        Set<String> names = new TreeSet<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> names.add(n.name())));
        return names;
    }
}
