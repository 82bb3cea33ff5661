package dev.imagedrift.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.Set;
import java.util.TreeSet;

/** Questions about one scrape of a registry. */
final class ScrapedSeries {
    private final MetricSnapshots snapshots;

    ScrapedSeries(MetricSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** Names of the families that have at least one series labelled with this stream. */
    Set<String> familiesOf(String stream) {
        Set<String> names = new TreeSet<>();
        for (MetricSnapshot s : snapshots) {
            for (DataPointSnapshot d : s.getDataPoints()) {
                if (stream.equals(d.getLabels().get("stream"))) {
                    names.add(s.getMetadata().getName());
                }
            }
        }
        return names;
    }

    /** Every stream any series is labelled with. */
    Set<String> streams() {
        Set<String> streams = new TreeSet<>();
        for (MetricSnapshot s : snapshots) {
            for (DataPointSnapshot d : s.getDataPoints()) {
                String stream = d.getLabels().get("stream");
                if (stream != null) {
                    streams.add(stream);
                }
            }
        }
        return streams;
    }

    /** The value of a single-label counter or gauge series, or NaN when it is not in the scrape. */
    double value(String family, String stream) {
        for (MetricSnapshot s : snapshots) {
            if (!s.getMetadata().getName().equals(family)) {
                continue;
            }
            for (DataPointSnapshot d : s.getDataPoints()) {
                if (stream.equals(d.getLabels().get("stream"))) {
                    if (d instanceof CounterSnapshot.CounterDataPointSnapshot c) {
                        return c.getValue();
                    }
                    if (d instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
                        return g.getValue();
                    }
                }
            }
        }
        return Double.NaN;
    }

    /** The value of an unlabelled gauge, or NaN when it is not in the scrape. */
    double value(String family) {
        for (MetricSnapshot s : snapshots) {
            if (s.getMetadata().getName().equals(family)) {
                for (DataPointSnapshot d : s.getDataPoints()) {
                    if (d.getLabels().isEmpty() && d instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
                        return g.getValue();
                    }
                }
            }
        }
        return Double.NaN;
    }

    boolean hasFamily(String family) {
        for (MetricSnapshot s : snapshots) {
            if (s.getMetadata().getName().equals(family) && !s.getDataPoints().isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
