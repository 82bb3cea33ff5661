package dev.imagedrift.tools.evaluation;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the trials drew from, for the report.
 *
 * @param poolImages        crops in the pool
 * @param poolPhotographs   photographs they were cropped from
 * @param nebulaImages      crops in the nebula domain
 * @param nebulaPhotographs photographs those were cropped from
 * @param fashionImages     Fashion-MNIST images
 * @param effects           per scenario key, its largest standardised property changes
 */
public record PoolDescription(int poolImages, int poolPhotographs, int nebulaImages, int nebulaPhotographs,
                              int fashionImages, Map<String, String> effects) {
    public PoolDescription {
        effects = Map.copyOf(effects);
    }

    public static PoolDescription of(EvaluationPool pool, EvaluationData data, Iterable<Scenario> scenarios)
            throws IOException {
        Map<String, String> effects = new LinkedHashMap<>();
        for (Scenario s : scenarios) effects.put(s.key(), ScenarioEffects.describe(data, s, 3));
        return new PoolDescription(data.poolSize(), PhotoSources.POOL.size(),
                data.domain(EvaluationPool.NEBULAE).size(), pool.nebulaPhotographs(),
                data.domain(EvaluationPool.FASHION_MNIST).size(), effects);
    }
}
