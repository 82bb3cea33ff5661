package dev.imagedrift.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Predicate;

/**
 * What the HTTP endpoint scrapes: another registry, after an action runs (the expiry of idle
 * per-stream series), so that no scrape shows what the action would have removed. Every scrape
 * method delegates, so a client version that scraped through another method would show nothing
 * rather than skip the action silently; collectors are registered with the real registry.
 */
final class BeforeScrapeRegistry extends PrometheusRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(BeforeScrapeRegistry.class);

    private final PrometheusRegistry delegate;
    private final Runnable beforeScrape;

    BeforeScrapeRegistry(PrometheusRegistry delegate, Runnable beforeScrape) {
        this.delegate = delegate;
        this.beforeScrape = beforeScrape;
    }

    private void prepare() {
        try {
            beforeScrape.run();
        } catch (RuntimeException e) {
            // A failed clean-up must not cost the scrape: the metrics are still worth serving.
            LOG.warn("before-scrape action failed; scraping anyway", e);
        }
    }

    @Override
    public MetricSnapshots scrape() {
        prepare();
        return delegate.scrape();
    }

    @Override
    public MetricSnapshots scrape(PrometheusScrapeRequest request) {
        prepare();
        return delegate.scrape(request);
    }

    @Override
    public MetricSnapshots scrape(Predicate<String> nameFilter) {
        prepare();
        return delegate.scrape(nameFilter);
    }

    @Override
    public MetricSnapshots scrape(Predicate<String> nameFilter, PrometheusScrapeRequest request) {
        prepare();
        return delegate.scrape(nameFilter, request);
    }

    @Override
    public void register(Collector collector) {
        delegate.register(collector);
    }

    @Override
    public void register(MultiCollector collector) {
        delegate.register(collector);
    }

    @Override
    public void unregister(Collector collector) {
        delegate.unregister(collector);
    }

    @Override
    public void unregister(MultiCollector collector) {
        delegate.unregister(collector);
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
