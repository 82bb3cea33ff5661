package dev.imagedrift.ops;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PromqlSelectorsTest {
    @Test
    void findsMetricsButNotFunctionsKeywordsOrGroupingLabels() {
        List<PromqlSelectors.Selector> selectors = PromqlSelectors.of(
                "histogram_quantile(0.95, sum by (le, stream) (rate(a_seconds_bucket{job=\"x\"}[5m])))"
                        + " / on (instance) group_left () b_total offset 1h and bool c");
        assertEquals(List.of("a_seconds_bucket", "b_total", "c"),
                selectors.stream().map(PromqlSelectors.Selector::metric).toList());
        assertEquals(Map.of("job", "=\"x\""), selectors.get(0).matchers());
    }

    @Test
    void readsMatchersWithEveryOperatorAndEscapedQuotes() {
        PromqlSelectors.Selector s = PromqlSelectors.of(
                "m{a=\"1\", b!=\"2\",c=~\"$stream\" , d!~'x\\'y'}").get(0);
        assertEquals(Map.of("a", "=\"1\"", "b", "!=\"2\"", "c", "=~\"$stream\"", "d", "!~'x\\'y'"), s.matchers());
    }

    @Test
    void ignoresStringsDurationsAndGrafanaVariables() {
        List<PromqlSelectors.Selector> selectors = PromqlSelectors.of(
                "label_replace(0 * up{job=\"j\"}, \"stream\", \"(none)\", \"\", \"\")"
                        + " or increase(w_total[$__rate_interval]) > 1e3 # not_a_metric");
        assertEquals(List.of("up", "w_total"), selectors.stream().map(PromqlSelectors.Selector::metric).toList());
    }

    @Test
    void aggregationWithoutGroupingIsNotAMetric() {
        assertEquals(List.of("x"), PromqlSelectors.of("max(x) - min (x offset 5m)").stream()
                .map(PromqlSelectors.Selector::metric).distinct().toList());
    }
}
