package dev.imagedrift.detect;

/**
 * Per-property two-sample comparison, nulls (NaN) dropped. The statistics are null when either
 * side has fewer than the minimum number of values.
 *
 * @param ks       Kolmogorov-Smirnov statistic max|F_ref - F_cur|
 * @param ksPValue its p-value
 * @param emd      the reference check's normalised Earth Mover's Distance
 */
public record UnivariateDrift(String property, Double ks, Double ksPValue, Double emd,
                              int nReference, int nCurrent) {}
