package dev.imagedrift.detect;

/** One image the classifier singles out, with its classifier score (probability of "current"). */
public record Exemplar(String id, double score) {}
