package dev.imagedrift.detect;

/**
 * How much the classifier relies on one property. In CALIBRATED mode: the mean drop of the
 * out-of-fold AUC when the property is permuted, negatives set to 0, not renormalised. In
 * REFERENCE_CHECK mode: the reference check's normalised accuracy-drop share.
 */
public record PropertyImportance(String property, double importance) {}
