package dev.imagedrift.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoder in use is on the real /metrics endpoint, one series at a time. */
class DecoderInfoMetricTest {
    private static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    @Test
    void decoderInfoNamesTheDecoderAndMode() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        DriftMetrics metrics = new DriftMetrics(registry, "test");
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, registry,
                () -> new HealthServer.Readiness(true, "test"))) {
            metrics.decoderInUse("imageio", "exact");
            assertTrue(scrape(server.port()).contains("imagedrift_decoder_info{decoder=\"imageio\",mode=\"exact\"} 1"));
            metrics.decoderInUse("turbojpeg", "fast");
            String body = scrape(server.port());
            assertTrue(body.contains("imagedrift_decoder_info{decoder=\"turbojpeg\",mode=\"fast\"} 1"), body);
            assertFalse(body.contains("decoder=\"imageio\""), "the earlier decoder's series is gone");
        }
    }
}
