package dev.imagedrift.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 3,000 stream names (the attack) give a bounded number of series. */
class DriftMetricsStreamLimitTest {
    @Test
    void streamsBeyondTheLimitFoldIntoOther() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        DriftMetrics metrics = new DriftMetrics(registry, "test", null, Clock.systemUTC(), 10);
        for (int i = 0; i < 3000; i++) {
            metrics.imageProcessed("cam-" + i, 1000);
            metrics.lateRecord("cam-" + i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        String text = out.toString(StandardCharsets.UTF_8);
        long processedSeries = text.lines().filter(l -> l.startsWith("imagedrift_images_processed_total{")).count();
        assertEquals(11, processedSeries, "10 streams and _other");
        assertTrue(text.contains("imagedrift_images_processed_total{stream=\"_other\"} 2990.0"), text);
        assertTrue(text.contains("imagedrift_late_records_total{stream=\"_other\"} 2990.0"));
        assertTrue(text.contains("imagedrift_metric_streams_folded_total 5980.0"));
        assertTrue(text.contains("imagedrift_metric_streams 10.0"));
        assertTrue(text.lines().filter(l -> l.startsWith("imagedrift_")).count() < 200, "bounded");
    }
}
