package dev.imagedrift.detect;

import java.util.Locale;

/**
 * Runs the property test and, when there are embeddings, the same calibrated test on the projected
 * embeddings, and makes one decision: DRIFT when either test says DRIFT, each at alpha / 2.
 *
 * <p>Why Bonferroni: the two tests look at the same images, so their p-values are dependent in a
 * way nobody can state in advance (a brighter camera moves both). Bonferroni needs no assumption
 * about that dependence: P(either false alarm) &lt;= P(first) + P(second) = alpha / 2 + alpha / 2.
 * It is equivalent to the min-p rule "drift iff min(p1, p2) &lt; alpha / 2", with the combined
 * p-value min(1, 2 min(p1, p2)) reported. It costs little power: when one test carries the signal
 * its p-value is usually far below alpha / 2 (the product's effect-size floor applies to each test,
 * unchanged). The divisor is fixed by configuration (2 whenever the reference has embeddings), not
 * by which tests a window happened to have data for, so the rule cannot be tuned by the data.
 *
 * <p>In REFERENCE_CHECK mode there are no p-values: each test applies the threshold, and drift in
 * either is drift (that rule's false-alarm rate is not controlled to begin with).
 */
public final class CombinedDetector {
    private final DetectorSettings settings;
    private final DriftDetector single;
    private final DriftDetector perTest;

    /** @param settings the settings of one comparison; alpha is the family level, split when embeddings are tested */
    public CombinedDetector(DetectorSettings settings) {
        this.settings = settings;
        this.single = Detectors.create(settings);
        this.perTest = settings.mode() == DetectionMode.CALIBRATED
                ? Detectors.create(settings.withAlpha(settings.alpha() / 2)) : single;
    }

    public DetectorSettings settings() { return settings; }

    /** The property test alone, at the full alpha (a reference without embeddings). */
    public CombinedResult detect(Samples referenceProperties, Samples currentProperties) {
        return detect(referenceProperties, currentProperties, null, null);
    }

    /**
     * @param referenceEmbeddings the reference's projected embeddings, or null when it has none
     * @param currentEmbeddings   the current side's, projected with the reference's axes (may be empty;
     *                            ignored when the reference has none)
     */
    public CombinedResult detect(Samples referenceProperties, Samples currentProperties, Samples referenceEmbeddings,
                                 Samples currentEmbeddings) {
        if (referenceEmbeddings == null) {
            DriftResult p = single.detect(referenceProperties, currentProperties);
            return new CombinedResult(p.status(), p.reason(), p, null, p.pValue(), settings.alpha(), 1);
        }
        if (currentEmbeddings == null) {
            currentEmbeddings = new Samples(referenceEmbeddings.propertyNames(), new double[0][], java.util.List.of());
        }
        DriftResult p = perTest.detect(referenceProperties, currentProperties);
        DriftResult e = perTest.detect(referenceEmbeddings, currentEmbeddings);
        DriftStatus status = combine(p.status(), e.status());
        Double combined = null;
        if (p.pValue() != null || e.pValue() != null) {
            double min = Math.min(p.pValue() == null ? 1 : p.pValue(), e.pValue() == null ? 1 : e.pValue());
            combined = Math.min(1.0, 2 * min);
        }
        return new CombinedResult(status, reason(status, p, e), p, e, combined, settings.alpha(), 2);
    }

    static DriftStatus combine(DriftStatus a, DriftStatus b) {
        if (a == DriftStatus.DRIFT || b == DriftStatus.DRIFT) return DriftStatus.DRIFT;
        if (a == DriftStatus.OK || b == DriftStatus.OK) return DriftStatus.OK;
        return DriftStatus.INSUFFICIENT_DATA;
    }

    private String reason(DriftStatus status, DriftResult p, DriftResult e) {
        String which = status != DriftStatus.DRIFT ? ""
                : p.status() == DriftStatus.DRIFT && e.status() == DriftStatus.DRIFT ? " in properties and embeddings"
                : p.status() == DriftStatus.DRIFT ? " in properties" : " in embeddings";
        String rule = settings.mode() == DetectionMode.CALIBRATED
                ? String.format(Locale.ROOT, "each test at alpha %s / 2 (Bonferroni over 2 tests)",
                ReasonFormat.setting(settings.alpha()))
                : "drift in either test is drift";
        return status + which + "; " + rule + ". Properties: " + p.reason() + ". Embeddings: " + e.reason();
    }
}
