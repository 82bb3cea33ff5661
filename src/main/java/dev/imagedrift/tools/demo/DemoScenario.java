package dev.imagedrift.tools.demo;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The demo's story: phases of production traffic, each saying which streams get drifted images.
 * The default plays normal traffic, then brightens one camera's images as the seed page does,
 * then restores them.
 */
public record DemoScenario(List<Phase> phases) {
    /** One stretch of traffic; {@code drifted} streams send brightened images. */
    public record Phase(String name, Duration length, Set<String> drifted, String description) {}

    public static DemoScenario standard(List<String> streams, Duration normal, Duration drift, Duration recovered) {
        String victim = streams.get(0);
        return new DemoScenario(List.of(
                new Phase("normal", normal, Set.of(), "all streams send held-out images like the reference"),
                new Phase("drift", drift, Set.of(victim), victim
                        + " now sends brightened images (img + int(0.31 * (255 - img)), as in the seed page)"),
                new Phase("recovered", recovered, Set.of(), victim + " sends normal images again")));
    }

    public Duration total() {
        return phases.stream().map(Phase::length).reduce(Duration.ZERO, Duration::plus);
    }
}
