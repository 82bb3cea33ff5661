package dev.imagedrift.metrics;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.Exemplars;
import dev.imagedrift.detect.PropertyImportance;
import dev.imagedrift.detect.UnivariateDrift;
import dev.imagedrift.stream.AlertRecord;
import dev.imagedrift.stream.ScoreRecord;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-stream series of a stream this process no longer works on disappear after the stale time. */
class DriftMetricsStaleSeriesTest {
    private static final Duration STALE_AFTER = Duration.ofSeconds(90);
    /** Every family with a stream label, as client_java names them (counters without _total). */
    private static final Set<String> PER_STREAM_FAMILIES = Set.of("imagedrift_drift_score", "imagedrift_auc",
            "imagedrift_p_value", "imagedrift_drift_threshold", "imagedrift_significance_level",
            "imagedrift_drift_status", "imagedrift_alert_firing", "imagedrift_window_samples",
            "imagedrift_window_independent_units",
            "imagedrift_window_events", "imagedrift_window_end_timestamp_seconds", "imagedrift_window_evaluated_timestamp_seconds",
            "imagedrift_property_importance",
            "imagedrift_property_ks_statistic", "imagedrift_property_emd", "imagedrift_images_processed",
            "imagedrift_images_not_decoded", "imagedrift_late_records", "imagedrift_windows_evaluated", "imagedrift_alerts_fired",
            "imagedrift_window_failures");

    private final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final DriftMetrics metrics = new DriftMetrics(registry, "test", STALE_AFTER, clock);

    @Test
    void everySeriesOfAnIdleStreamDisappearsAndOthersStay() {
        workOn("cam-a", true);
        workOn("cam-b", false);
        assertEquals(PER_STREAM_FAMILIES, scrape().familiesOf("cam-a"));

        clock.advance(Duration.ofSeconds(60));
        workOn("cam-b", false);
        clock.advance(STALE_AFTER.minusSeconds(61));
        metrics.expireStaleSeries();
        assertEquals(PER_STREAM_FAMILIES, scrape().familiesOf("cam-a"), "idle 89 s of 90: still shown");

        clock.advance(Duration.ofSeconds(1));
        metrics.expireStaleSeries();
        ScrapedSeries after = scrape();
        assertEquals(Set.of(), after.familiesOf("cam-a"), "idle 90 s: gone, the alert gauge included");
        assertEquals(PER_STREAM_FAMILIES, after.familiesOf("cam-b"));
        assertTrue(after.hasFamily("imagedrift_detection_duration_seconds"), "histograms are not per stream");
        assertTrue(after.hasFamily("imagedrift_images_failed"), "dead-letter reasons are not per stream");
    }

    @Test
    void aStreamThatComesBackStartsItsCountersAfresh() {
        workOn("cam-a", true);
        workOn("cam-a", true);
        assertEquals(2.0, scrape().value("imagedrift_windows_evaluated", "cam-a"));
        clock.advance(STALE_AFTER);
        metrics.expireStaleSeries();
        assertEquals(Set.of(), scrape().familiesOf("cam-a"));

        workOn("cam-a", false);
        ScrapedSeries back = scrape();
        assertEquals(PER_STREAM_FAMILIES, back.familiesOf("cam-a"));
        assertEquals(1.0, back.value("imagedrift_windows_evaluated", "cam-a"));
        assertEquals(0.0, back.value("imagedrift_alert_firing", "cam-a"));
    }

    @Test
    void theProcessedCounterFollowsIngestionNotWindows() {
        // Extraction and windows can run on different pods: each expires on its own activity.
        workOn("cam-a", false);
        for (int second = 0; second < 120; second += 10) {
            clock.advance(Duration.ofSeconds(10));
            metrics.imageProcessed("cam-a", 1_000_000);
            metrics.imageNotDecoded("cam-a");
        }
        metrics.expireStaleSeries();
        assertEquals(Set.of("imagedrift_images_processed", "imagedrift_images_not_decoded"),
                scrape().familiesOf("cam-a"));
        assertEquals(25.0, scrape().value("imagedrift_images_processed", "cam-a"), "decoded and not: all taken in");
        assertEquals(12.0, scrape().value("imagedrift_images_not_decoded", "cam-a"));

        clock.advance(STALE_AFTER);
        metrics.expireStaleSeries();
        assertEquals(Set.of(), scrape().streams());
    }

    @Test
    void lateEventsAndAlertStepsCountAsWindowWork() {
        workOn("cam-a", false);
        clock.advance(Duration.ofSeconds(80));
        metrics.lateRecord("cam-a");
        clock.advance(Duration.ofSeconds(80));
        metrics.alertEvaluated("cam-a", false, null);
        clock.advance(Duration.ofSeconds(80));
        metrics.windowFailed("cam-a");
        clock.advance(Duration.ofSeconds(80));
        metrics.expireStaleSeries();
        ScrapedSeries s = scrape();
        assertTrue(s.familiesOf("cam-a").contains("imagedrift_alert_firing"));
        // One from workOn, one each since: the counters kept counting, never reset by an expiry.
        assertEquals(2.0, s.value("imagedrift_late_records", "cam-a"));
        assertEquals(2.0, s.value("imagedrift_window_failures", "cam-a"));
    }

    @Test
    void knownCountersOfANewStreamStartAtZero() {
        metrics.windowEvaluated(score("cam-a", DriftStatus.OK), 1_000_000, 10);
        ScrapedSeries s = scrape();
        assertEquals(0.0, s.value("imagedrift_window_failures", "cam-a"));
        assertEquals(0.0, s.value("imagedrift_alerts_fired", "cam-a"));
        assertEquals(0.0, s.value("imagedrift_late_records", "cam-a"));
        assertEquals(1.0, s.value("imagedrift_windows_evaluated", "cam-a"));
    }

    @Test
    void theEvaluationTimeIsTheWallClockAndTheWindowSettingsAreExported() {
        ScoreRecord late = score("cam-a", DriftStatus.OK);
        clock.advance(Duration.ofSeconds(45));
        metrics.windowEvaluated(late, 1_000_000, 10);
        metrics.windowConfigured(Duration.ofMinutes(5), Duration.ofSeconds(90));
        ScrapedSeries s = scrape();
        double end = s.value("imagedrift_window_end_timestamp_seconds", "cam-a");
        assertEquals(clock.millis() / 1000.0, s.value("imagedrift_window_evaluated_timestamp_seconds", "cam-a"));
        assertEquals(45.0, s.value("imagedrift_window_evaluated_timestamp_seconds", "cam-a") - end,
                "evaluated 45 s (wall clock) after the window's end (event time)");
        assertEquals(300.0, s.value("imagedrift_window_size_seconds"));
        assertEquals(90.0, s.value("imagedrift_window_grace_seconds"));
    }

    @Test
    void withoutAStaleTimeSeriesNeverExpire() {
        DriftMetrics forever = new DriftMetrics(new PrometheusRegistry(), "test");
        forever.windowEvaluated(score("cam-a", DriftStatus.OK), 1_000_000, 10);
        forever.expireStaleSeries();
        assertEquals(0.0, new ScrapedSeries(forever.registry().scrape()).value("imagedrift_drift_status", "cam-a"));
        assertEquals(null, forever.staleAfter());
    }

    @Test
    void theStaleTimeMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DriftMetrics(new PrometheusRegistry(), "test", Duration.ZERO, clock));
        assertTrue(e.getMessage().contains("staleAfter"), e.getMessage());
    }

    @Test
    void theEndpointsRegistryExpiresBeforeEveryScrape() {
        workOn("cam-a", true);
        BeforeScrapeRegistry endpoint = new BeforeScrapeRegistry(registry, metrics::expireStaleSeries);
        clock.advance(STALE_AFTER);
        // Each way the exporter may scrape runs the expiry first.
        assertEquals(Set.of(), new ScrapedSeries(endpoint.scrape(name -> true, null)).familiesOf("cam-a"));
        workOn("cam-a", true);
        clock.advance(STALE_AFTER);
        assertEquals(Set.of(), new ScrapedSeries(endpoint.scrape((io.prometheus.metrics.model.registry.PrometheusScrapeRequest) null)).familiesOf("cam-a"));
        workOn("cam-a", true);
        clock.advance(STALE_AFTER);
        assertEquals(Set.of(), new ScrapedSeries(endpoint.scrape(name -> true)).familiesOf("cam-a"));
        workOn("cam-a", true);
        clock.advance(STALE_AFTER);
        assertEquals(Set.of(), new ScrapedSeries(endpoint.scrape()).familiesOf("cam-a"));
    }

    @Test
    void aFailingBeforeScrapeActionStillServesTheMetrics() {
        workOn("cam-a", true);
        BeforeScrapeRegistry endpoint = new BeforeScrapeRegistry(registry, () -> {
            throw new IllegalStateException("broken clean-up");
        });
        assertEquals(PER_STREAM_FAMILIES, new ScrapedSeries(endpoint.scrape()).familiesOf("cam-a"));
    }

    /** What one evaluated window does to the metrics of a stream, plus an image processed. */
    private void workOn(String stream, boolean drifted) {
        metrics.imageProcessed(stream, 2_000_000);
        metrics.lateRecord(stream);
        metrics.windowEvaluated(score(stream, drifted ? DriftStatus.DRIFT : DriftStatus.OK), 5_000_000, 300);
        metrics.alertEvaluated(stream, drifted, drifted ? alert(stream) : null);
        metrics.windowFailed(stream);
    }

    private ScrapedSeries scrape() {
        return new ScrapedSeries(registry.scrape());
    }

    private ScoreRecord score(String stream, DriftStatus status) {
        DriftResult result = new DriftResult(status, "test", 0.4, 0.7, 0.6, 0.8, 0.001, 300, 200, 300, 20,
                List.of(new PropertyImportance("Brightness", 0.3)),
                List.of(new UnivariateDrift("Brightness", 0.5, 0.001, 0.2, 300, 200)), Exemplars.none(),
                DetectorSettings.calibratedDefaults());
        long end = clock.millis();
        return ScoreRecord.of(stream, end - 60_000, end, 250, result, "ref-1", clock.instant(), 5);
    }

    private AlertRecord alert(String stream) {
        return new AlertRecord(AlertRecord.SCHEMA, stream, AlertRecord.FIRING, clock.instant().minusSeconds(60),
                clock.instant(), 0.4, 0.001, "test", "policy", "ref-1", clock.instant());
    }
}
