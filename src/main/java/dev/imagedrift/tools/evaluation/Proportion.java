package dev.imagedrift.tools.evaluation;

/**
 * {@code count} of {@code trials}, with Wilson's 95% score interval (sensible at 0 and at small
 * rates, where the normal interval is not).
 */
public record Proportion(int count, int trials) {
    private static final double Z = 1.959963984540054;

    public Proportion {
        if (trials < 1 || count < 0 || count > trials) {
            throw new IllegalArgumentException("not a proportion: " + count + " of " + trials);
        }
    }

    public double rate() { return (double) count / trials; }

    public double lower() { return wilson(-1); }

    public double upper() { return wilson(1); }

    private double wilson(int sign) {
        double p = rate();
        double z2 = Z * Z;
        double centre = p + z2 / (2.0 * trials);
        double half = Z * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials));
        double bound = (centre + sign * half) / (1 + z2 / trials);
        return Math.max(0.0, Math.min(1.0, bound));
    }
}
