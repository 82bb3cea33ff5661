package dev.imagedrift.metrics;

import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.PropertyImportance;
import dev.imagedrift.detect.UnivariateDrift;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.stream.AlertRecord;
import dev.imagedrift.stream.DeadLetterReason;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.stream.ScoreRecord;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * Every application metric (names and meanings in docs/METRICS.md), fed by the topology through
 * {@link MonitorListener}. Labels are bounded: stream, property, side, reason.
 */
public final class DriftMetrics implements MonitorListener {
    private final PrometheusRegistry registry;

    private final Gauge driftScore;
    private final Gauge auc;
    private final Gauge pValue;
    private final Gauge threshold;
    private final Gauge significance;
    private final Gauge status;
    private final Gauge alertFiring;
    private final Gauge windowSamples;
    private final Gauge windowEvents;
    private final Gauge windowEnd;
    private final Gauge importance;
    private final Gauge ksStatistic;
    private final Gauge emd;
    private final Counter processed;
    private final Counter failed;
    private final Counter late;
    private final Counter windowsEvaluated;
    private final Counter alertsFired;
    private final Counter windowFailures;
    private final Histogram extractionSeconds;
    private final Histogram detectionSeconds;
    private final Histogram resultLatencySeconds;
    private final Gauge referenceSamples;

    public DriftMetrics(PrometheusRegistry registry, String version) {
        this.registry = registry;
        driftScore = gauge("imagedrift_drift_score",
                "max(2*AUC-1, 0) of the last evaluated window (the reference check's scale)", "stream");
        auc = gauge("imagedrift_auc", "Domain-classifier AUC of the last evaluated window (not clipped)", "stream");
        pValue = gauge("imagedrift_p_value", "p-value of the last evaluated window (calibrated mode)", "stream");
        threshold = gauge("imagedrift_drift_threshold",
                "Effect-size floor (calibrated) or threshold (reference-check mode) in force", "stream");
        significance = gauge("imagedrift_significance_level",
                "Per-window significance level in force after the correction across streams", "stream");
        status = gauge("imagedrift_drift_status", "Last window: 0 = OK, 1 = DRIFT, 2 = INSUFFICIENT_DATA", "stream");
        alertFiring = gauge("imagedrift_alert_firing", "1 while the stream's drift alert is FIRING", "stream");
        windowSamples = gauge("imagedrift_window_samples", "Samples compared on each side in the last window",
                "stream", "side");
        windowEvents = gauge("imagedrift_window_events", "Events counted in the last window (before sampling)",
                "stream");
        windowEnd = gauge("imagedrift_window_end_timestamp_seconds",
                "End of the last evaluated window (event time, Unix seconds)", "stream");
        importance = gauge("imagedrift_property_importance",
                "Property importance in the last window (AUC drop when permuted)", "stream", "property");
        ksStatistic = gauge("imagedrift_property_ks_statistic",
                "Two-sample Kolmogorov-Smirnov statistic of the property in the last window", "stream", "property");
        emd = gauge("imagedrift_property_emd",
                "Normalised Earth Mover's Distance of the property in the last window", "stream", "property");
        processed = Counter.builder().name("imagedrift_images_processed_total")
                .help("Events whose properties were computed or accepted").labelNames("stream").register(registry);
        failed = Counter.builder().name("imagedrift_images_failed_total")
                .help("Events sent to the dead-letter topic, by reason").labelNames("reason").register(registry);
        for (DeadLetterReason r : DeadLetterReason.values()) {
            failed.labelValues(r.code()); // known series start at 0
        }
        late = Counter.builder().name("imagedrift_late_records_total")
                .help("Events later than the window grace, dropped from windows").labelNames("stream")
                .register(registry);
        windowsEvaluated = Counter.builder().name("imagedrift_windows_evaluated_total")
                .help("Windows closed and evaluated").labelNames("stream").register(registry);
        alertsFired = Counter.builder().name("imagedrift_alerts_fired_total")
                .help("Alert transitions to FIRING").labelNames("stream").register(registry);
        windowFailures = Counter.builder().name("imagedrift_window_failures_total")
                .help("Windows dropped because the detector failed on them (see the log)").labelNames("stream")
                .register(registry);
        extractionSeconds = Histogram.builder().name("imagedrift_property_extraction_duration_seconds")
                .help("Decode and property computation per image").unit(Unit.SECONDS)
                .classicOnly().classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                        0.1, 0.25, 0.5, 1)
                .register(registry);
        detectionSeconds = Histogram.builder().name("imagedrift_detection_duration_seconds")
                .help("Detector run per window").unit(Unit.SECONDS)
                .classicOnly().classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        resultLatencySeconds = Histogram.builder().name("imagedrift_result_latency_seconds")
                .help("Wall-clock time from a window's close (end + grace) to its score record being sent")
                .unit(Unit.SECONDS)
                .classicOnly().classicUpperBounds(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300)
                .register(registry);
        referenceSamples = Gauge.builder().name("imagedrift_reference_samples")
                .help("Rows in the loaded reference snapshot").register(registry);
        Info.builder().name("imagedrift_build_info").help("Build information").labelNames("version")
                .register(registry).addLabelValues(version);
    }

    private Gauge gauge(String name, String help, String... labels) {
        return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public void referenceLoaded(int rows) {
        referenceSamples.set(rows);
    }

    @Override
    public void imageProcessed(String stream, long extractionNanos) {
        processed.labelValues(stream).inc();
        extractionSeconds.observe(extractionNanos / 1e9);
    }

    @Override
    public void deadLettered(DeadLetterReason reason) {
        failed.labelValues(reason.code()).inc();
    }

    @Override
    public void lateRecord(String stream) {
        late.labelValues(stream).inc();
    }

    @Override
    public void windowEvaluated(ScoreRecord s, long detectionNanos, long latencyMillis) {
        String stream = s.stream();
        setOrNaN(driftScore, stream, s.driftScore());
        setOrNaN(auc, stream, s.auc());
        setOrNaN(pValue, stream, s.pValue());
        threshold.labelValues(stream).set(s.threshold());
        setOrNaN(significance, stream, s.alpha());
        status.labelValues(stream).set(statusCode(s.status()));
        windowSamples.labelValues(stream, "reference").set(s.nReference());
        windowSamples.labelValues(stream, "current").set(s.nCurrent());
        windowEvents.labelValues(stream).set(s.eventsCounted());
        windowEnd.labelValues(stream).set(s.windowEnd().toEpochMilli() / 1000.0);
        for (PropertyImportance p : s.topProperties()) {
            importance.labelValues(stream, PropertySet.key(p.property())).set(p.importance());
        }
        for (UnivariateDrift u : s.univariate()) {
            String property = PropertySet.key(u.property());
            setOrNaN(ksStatistic.labelValues(stream, property), u.ks());
            setOrNaN(emd.labelValues(stream, property), u.emd());
        }
        windowsEvaluated.labelValues(stream).inc();
        detectionSeconds.observe(detectionNanos / 1e9);
        resultLatencySeconds.observe(latencyMillis / 1000.0);
    }

    @Override
    public void windowFailed(String stream) {
        windowFailures.labelValues(stream).inc();
    }

    @Override
    public void alertEvaluated(String stream, boolean firing, AlertRecord change) {
        alertFiring.labelValues(stream).set(firing ? 1 : 0);
        if (change != null && AlertRecord.FIRING.equals(change.state())) {
            alertsFired.labelValues(stream).inc();
        }
    }

    static int statusCode(DriftStatus s) {
        return switch (s) {
            case OK -> 0;
            case DRIFT -> 1;
            case INSUFFICIENT_DATA -> 2;
        };
    }

    private static void setOrNaN(Gauge g, String stream, Double v) {
        setOrNaN(g.labelValues(stream), v);
    }

    private static void setOrNaN(io.prometheus.metrics.core.datapoints.GaugeDataPoint d, Double v) {
        d.set(v == null ? Double.NaN : v);
    }
}
