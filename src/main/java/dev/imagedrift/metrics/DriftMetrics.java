package dev.imagedrift.metrics;

import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.PropertyImportance;
import dev.imagedrift.detect.UnivariateDrift;
import dev.imagedrift.fetch.FetchFailure;
import dev.imagedrift.fetch.FetchResult;
import dev.imagedrift.fetch.ImageFetcher;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.stream.AlertRecord;
import dev.imagedrift.stream.DeadLetterReason;
import dev.imagedrift.stream.MonitorListener;
import dev.imagedrift.stream.ScoreRecord;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every application metric (names and meanings in docs/METRICS.md), fed by the topology through
 * {@link MonitorListener}. Labels are bounded: stream, property, side, reason. The per-stream
 * series of a stream this process has stopped working on expire (see {@link #expireStaleSeries()}).
 */
public final class DriftMetrics implements MonitorListener {
    private static final Logger LOG = LoggerFactory.getLogger(DriftMetrics.class);

    private final PrometheusRegistry registry;
    private final Duration staleAfter;
    /** Series set by the window and alert stages: they follow the stream's task. */
    private final StreamSeries windowSeries;
    /** Series set by the extraction stage, which may run on another pod than the stream's windows. */
    private final StreamSeries ingestSeries;

    private final Gauge driftScore;
    private final Gauge auc;
    private final Gauge pValue;
    private final Gauge threshold;
    private final Gauge significance;
    private final Gauge status;
    private final Gauge alertFiring;
    private final Gauge windowSamples;
    private final Gauge windowUnits;
    private final Gauge windowEvents;
    private final Gauge windowEnd;
    private final Gauge windowEvaluatedAt;
    private final Gauge importance;
    private final Gauge ksStatistic;
    private final Gauge emd;
    private final Counter processed;
    private final Counter notDecoded;
    private final Counter failed;
    private final Counter late;
    private final Counter windowsEvaluated;
    private final Counter alertsFired;
    private final Counter windowFailures;
    private final Histogram extractionSeconds;
    private final Histogram detectionSeconds;
    private final Histogram resultLatencySeconds;
    private final Gauge referenceSamples;
    private final Histogram fetchSeconds;
    private final Counter fetchFailures;
    private final Gauge fetchWaiting;
    private final Counter folded;
    /** Streams with their own series; beyond {@link #maxStreams}, counters go to {@link #OTHER}. */
    private final java.util.Set<String> labelled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final int maxStreams;

    /**
     * The {@code stream} label of every stream beyond {@code metrics.max-streams}. It cannot clash
     * with a stream: stream names start with a letter or digit.
     */
    public static final String OTHER = "_other";
    private final Gauge windowSize;
    private final Gauge windowGrace;
    private final Clock clock;
    private final Info decoderInfo;
    private final Gauge embeddingScore;
    private final Gauge embeddingPValue;
    private final Gauge embeddingStatus;
    private final Gauge embeddingSamples;
    private final Gauge componentImportance;

    /** Metrics whose per-stream series never expire (a single process that owns every stream, or a test). */
    public DriftMetrics(PrometheusRegistry registry, String version) {
        this(registry, version, null, Clock.systemUTC());
    }

    public DriftMetrics(PrometheusRegistry registry, String version, Duration staleAfter, Clock clock) {
        this(registry, version, staleAfter, clock, dev.imagedrift.config.MonitorConfig.Window.DEFAULT_MAX_STREAMS);
    }

    /**
     * @param staleAfter a stream's per-stream series are removed once the stream has been idle this
     *                   long (no window evaluated or failed, no alert step, no late event; for the
     *                   processed counter: no event processed); null = never
     * @param clock      measures the idle time
     * @param maxStreams streams with their own series ({@code metrics.max-streams}); the counters of
     *                   further streams add up under {@code stream="_other"} and their gauges are not set
     */
    public DriftMetrics(PrometheusRegistry registry, String version, Duration staleAfter, Clock clock, int maxStreams) {
        this.registry = registry;
        this.staleAfter = staleAfter;
        this.maxStreams = maxStreams;
        this.clock = clock;
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
        windowUnits = gauge("imagedrift_window_independent_units",
                "Independent units among each side's samples in the last window (near-duplicate bursts counted once; "
                        + "NaN when not computed)", "stream", "side");
        windowEvents = gauge("imagedrift_window_events", "Events counted in the last window (before sampling)",
                "stream");
        windowEnd = gauge("imagedrift_window_end_timestamp_seconds",
                "End of the last evaluated window (event time, Unix seconds)", "stream");
        // Wall clock, not event time: the stalled-window rule must not fire on a backlog being
        // replayed or on a producer whose clock runs late.
        windowEvaluatedAt = gauge("imagedrift_window_evaluated_timestamp_seconds",
                "When the last window was evaluated (wall clock, Unix seconds)", "stream");
        importance = gauge("imagedrift_property_importance",
                "Property importance in the last window (AUC drop when permuted)", "stream", "property");
        ksStatistic = gauge("imagedrift_property_ks_statistic",
                "Two-sample Kolmogorov-Smirnov statistic of the property in the last window", "stream", "property");
        emd = gauge("imagedrift_property_emd",
                "Normalised Earth Mover's Distance of the property in the last window", "stream", "property");
        // The embedding test's series exist only for streams whose reference has embeddings.
        embeddingScore = gauge("imagedrift_embedding_drift_score",
                "max(2*AUC-1, 0) of the embedding test in the last evaluated window", "stream");
        embeddingPValue = gauge("imagedrift_embedding_p_value",
                "p-value of the embedding test in the last evaluated window (calibrated mode)", "stream");
        embeddingStatus = gauge("imagedrift_embedding_drift_status",
                "Embedding test of the last window: 0 = OK, 1 = DRIFT, 2 = INSUFFICIENT_DATA", "stream");
        embeddingSamples = gauge("imagedrift_embedding_window_samples",
                "Samples with an embedding compared on each side in the last window", "stream", "side");
        componentImportance = gauge("imagedrift_embedding_component_importance",
                "Importance of each principal component of the embeddings in the last window (AUC drop when "
                        + "permuted); components PC1..PCk, k fixed by the snapshot", "stream", "component");
        processed = Counter.builder().name("imagedrift_images_processed_total")
                .help("Events taken in: measured (decoded or precomputed) or counted without decoding")
                .labelNames("stream").register(registry);
        notDecoded = Counter.builder().name("imagedrift_images_not_decoded_total")
                .help("Events counted without decoding their image: it could not enter its windows' samples")
                .labelNames("stream").register(registry);
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
        fetchSeconds = Histogram.builder().name("imagedrift_fetch_duration_seconds")
                .help("Images fetched by URI: time from the start of a fetch to its last byte, redirects included")
                .unit(Unit.SECONDS).labelNames("scheme")
                .classicOnly().classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        for (String scheme : List.of("http", "https", "file")) {
            fetchSeconds.labelValues(scheme);
        }
        fetchFailures = Counter.builder().name("imagedrift_fetch_failures_total")
                .help("Images by URI that could not be fetched, by reason (each is also a dead letter)")
                .labelNames("reason").register(registry);
        for (FetchFailure f : FetchFailure.values()) {
            fetchFailures.labelValues(DeadLetterReason.of(f).code());
        }
        fetchWaiting = Gauge.builder().name("imagedrift_fetch_waiting_events")
                .help("Events held by the fetch stages of this process: waiting for their image, or for one ahead of them")
                .register(registry);
        decoderInfo = Info.builder().name("imagedrift_decoder_info")
                .help("The JPEG decoder (turbojpeg or imageio, the slow fallback) and properties mode (exact or fast) in use")
                .labelNames("decoder", "mode").register(registry);
        referenceSamples = Gauge.builder().name("imagedrift_reference_samples")
                .help("Rows in the loaded reference snapshot").register(registry);
        folded = Counter.builder().name("imagedrift_metric_streams_folded_total")
                .help("Reports (events, windows) of streams beyond metrics.max-streams, counted under stream=\"_other\"")
                .register(registry);
        folded.initLabelValues();
        io.prometheus.metrics.core.metrics.GaugeWithCallback.builder().name("imagedrift_metric_streams")
                .help("Streams with their own series on this process (at most metrics.max-streams)")
                .callback(cb -> cb.call(labelled.size())).register(registry);
        // The window configuration, so that rules derive "stalled" from it instead of restating it.
        windowSize = Gauge.builder().name("imagedrift_window_size_seconds")
                .help("Configured window length (window.size)").unit(Unit.SECONDS).register(registry);
        windowGrace = Gauge.builder().name("imagedrift_window_grace_seconds")
                .help("Configured lateness allowed after a window's end (window.grace)").unit(Unit.SECONDS)
                .register(registry);
        Info.builder().name("imagedrift_build_info").help("Build information").labelNames("version")
                .register(registry).addLabelValues(version);
        windowSeries = new StreamSeries(
                List.of(driftScore, auc, pValue, threshold, significance, status, alertFiring, windowSamples,
                        windowUnits, windowEvents, windowEnd, windowEvaluatedAt, importance, ksStatistic, emd, late,
                        windowsEvaluated, alertsFired, windowFailures, embeddingScore, embeddingPValue, embeddingStatus,
                        embeddingSamples, componentImportance),
                List.of(late, windowsEvaluated, alertsFired, windowFailures), staleAfter, clock);
        ingestSeries = new StreamSeries(List.of(processed, notDecoded), List.of(processed, notDecoded), staleAfter,
                clock);
    }

    private Gauge gauge(String name, String help, String... labels) {
        return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Idle time after which a stream's series expire; null when they never do. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * Removes the per-stream series of streams idle for {@link #staleAfter()} or longer. Cheap;
     * the HTTP endpoint calls it before every scrape, so a scrape never shows an expired series.
     */
    public void expireStaleSeries() {
        Set<String> windows = windowSeries.expire();
        Set<String> ingest = ingestSeries.expire();
        if (!windows.isEmpty() || !ingest.isEmpty()) {
            Set<String> shown = windowSeries.streams();
            shown.addAll(ingestSeries.streams());
            labelled.retainAll(shown);
        }
        if (!windows.isEmpty()) {
            LOG.info("no window work for {} in {}: their per-stream series are removed from /metrics", windows,
                    staleAfter);
        }
        if (!ingest.isEmpty()) {
            LOG.info("no events processed for {} in {}: their processed counters are removed from /metrics", ingest,
                    staleAfter);
        }
    }

    /** Exports the fetcher's state: fetches in progress and the bytes of fetched images held in memory. */
    public void watch(ImageFetcher fetcher) {
        GaugeWithCallback.builder().name("imagedrift_fetch_in_progress")
                .help("Image fetches in progress in this process (at most fetch.concurrency)")
                .callback(cb -> cb.call(fetcher.inProgress())).register(registry);
        GaugeWithCallback.builder().name("imagedrift_fetch_buffered_bytes")
                .help("Bytes of fetched images held in memory (bounded by fetch.max-buffered-bytes)")
                .unit(Unit.BYTES).callback(cb -> cb.call(fetcher.bufferedBytes())).register(registry);
    }

    @Override
    public void imageFetched(FetchResult result) {
        if (result instanceof FetchResult.Fetched f) {
            fetchSeconds.labelValues(f.scheme()).observe(f.nanos() / 1e9);
        } else if (result instanceof FetchResult.Failed f) {
            fetchFailures.labelValues(DeadLetterReason.of(f.failure()).code()).inc();
        }
    }

    @Override
    public void fetchesWaiting(int delta) {
        fetchWaiting.inc(delta);
    }

    /** Names the JPEG decoder and properties mode in use: {@code imagedrift_decoder_info{decoder, mode} 1}. */
    public void decoderInUse(String decoder, String mode) {
        decoderInfo.setLabelValues(decoder, mode); // replaces any earlier series: one decoder at a time
    }

    public void referenceLoaded(int rows) {
        referenceSamples.set(rows);
    }

    public void windowConfigured(Duration size, Duration grace) {
        windowSize.set(size.toMillis() / 1000.0);
        windowGrace.set(grace.toMillis() / 1000.0);
    }

    @Override
    public void imageProcessed(String stream, long extractionNanos) {
        String label = label(stream);
        ingestSeries.update(label, () -> processed.labelValues(label).inc());
        extractionSeconds.observe(extractionNanos / 1e9);
    }

    @Override
    public void imageNotDecoded(String stream) {
        String label = label(stream);
        ingestSeries.update(label, () -> {
            processed.labelValues(label).inc();
            notDecoded.labelValues(label).inc();
        });
    }

    @Override
    public void deadLettered(DeadLetterReason reason) {
        failed.labelValues(reason.code()).inc();
    }

    @Override
    public void lateRecord(String stream) {
        String label = label(stream);
        windowSeries.update(label, () -> late.labelValues(label).inc());
    }

    /** The stream's own label while there is room (or it has one already), else {@link #OTHER}. */
    private String label(String stream) {
        if (labelled.contains(stream)) {
            return stream;
        }
        synchronized (labelled) {
            if (labelled.size() < maxStreams) {
                labelled.add(stream);
                return stream;
            }
        }
        folded.inc();
        return OTHER;
    }

    @Override
    public void windowEvaluated(ScoreRecord s, long detectionNanos, long latencyMillis) {
        if (label(s.stream()).equals(OTHER)) {
            windowSeries.update(OTHER, () -> windowsEvaluated.labelValues(OTHER).inc());
        } else {
            windowSeries.update(s.stream(), () -> setWindowSeries(s));
        }
        detectionSeconds.observe(detectionNanos / 1e9);
        resultLatencySeconds.observe(latencyMillis / 1000.0);
    }

    private void setWindowSeries(ScoreRecord s) {
        String stream = s.stream();
        setOrNaN(driftScore, stream, s.driftScore());
        setOrNaN(auc, stream, s.auc());
        setOrNaN(pValue, stream, s.pValue());
        threshold.labelValues(stream).set(s.threshold());
        setOrNaN(significance, stream, s.alpha());
        status.labelValues(stream).set(statusCode(s.status()));
        windowSamples.labelValues(stream, "reference").set(s.nReference());
        windowSamples.labelValues(stream, "current").set(s.nCurrent());
        setOrNaN(windowUnits.labelValues(stream, "reference"), s.unitsReference() == null ? null : s.unitsReference().doubleValue());
        setOrNaN(windowUnits.labelValues(stream, "current"), s.unitsCurrent() == null ? null : s.unitsCurrent().doubleValue());
        windowEvents.labelValues(stream).set(s.eventsCounted());
        windowEnd.labelValues(stream).set(s.windowEnd().toEpochMilli() / 1000.0);
        windowEvaluatedAt.labelValues(stream).set(clock.millis() / 1000.0);
        for (PropertyImportance p : s.topProperties()) {
            importance.labelValues(stream, PropertySet.key(p.property())).set(p.importance());
        }
        for (UnivariateDrift u : s.univariate()) {
            String property = PropertySet.key(u.property());
            setOrNaN(ksStatistic.labelValues(stream, property), u.ks());
            setOrNaN(emd.labelValues(stream, property), u.emd());
        }
        ScoreRecord.EmbeddingScore e = s.embedding();
        if (e != null) {
            setOrNaN(embeddingScore, stream, e.driftScore());
            setOrNaN(embeddingPValue, stream, e.pValue());
            embeddingStatus.labelValues(stream).set(statusCode(e.status()));
            embeddingSamples.labelValues(stream, "reference").set(e.nReference());
            embeddingSamples.labelValues(stream, "current").set(e.nCurrent());
            for (PropertyImportance p : e.topComponents()) {
                componentImportance.labelValues(stream, p.property()).set(p.importance());
            }
        }
        windowsEvaluated.labelValues(stream).inc();
    }

    @Override
    public void windowFailed(String stream) {
        String label = label(stream);
        windowSeries.update(label, () -> windowFailures.labelValues(label).inc());
    }

    @Override
    public void alertEvaluated(String stream, boolean firing, AlertRecord change) {
        String label = label(stream);
        if (label.equals(OTHER)) {
            windowSeries.update(OTHER, () -> {
                if (change != null && AlertRecord.FIRING.equals(change.state())) {
                    alertsFired.labelValues(OTHER).inc();
                }
            });
            return;
        }
        windowSeries.update(stream, () -> {
            alertFiring.labelValues(stream).set(firing ? 1 : 0);
            if (change != null && AlertRecord.FIRING.equals(change.state())) {
                alertsFired.labelValues(stream).inc();
            }
        });
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
