package dev.imagedrift.properties;

import java.math.BigInteger;

/**
 * Exact integer totals over the pixels of one image, filled chunk by chunk by
 * {@link BuiltinPropertyKernel}, and the property values computed from them.
 *
 * <p>Colour images: gray is kept as the exact integer {@code g = 2125 R + 7154 G + 721 B}
 * (10,000 times the reference check's gray), so brightness and variance are exact until their
 * final division; red and green shares are fixed-point sums of {@code c * round(2^48 / (r+g+b))}.
 * Gray images: the raw values.
 */
final class PixelTotals {
    private final long pixels;
    private long graySum;
    private final UInt128 graySquares = new UInt128();
    private final UInt128 redShares = new UInt128();
    private final UInt128 greenShares = new UInt128();
    private long nonBlackPixels;

    PixelTotals(long pixels) {
        this.pixels = pixels;
    }

    void add(long graySum, long graySquares) {
        this.graySum += graySum;
        this.graySquares.add(graySquares);
    }

    void addShares(long redShares, long greenShares, long nonBlackPixels) {
        this.redShares.add(redShares);
        this.greenShares.add(greenShares);
        this.nonBlackPixels += nonBlackPixels;
    }

    /** Mean gray, where gray values are {@code scale} times the real ones. */
    double mean(double scale) {
        return graySum / (scale * pixels); // graySum < 2^53 for any array-backed image: exact
    }

    /**
     * Population standard deviation of the gray values, where they are {@code scale} times the
     * real ones: n^2 scale^2 variance = n S2 - S1^2 is computed exactly, so a uniform image gives
     * exactly 0 and near-uniform images suffer no cancellation.
     */
    double standardDeviation(double scale) {
        BigInteger n = BigInteger.valueOf(pixels);
        BigInteger s1 = BigInteger.valueOf(graySum);
        BigInteger scaledVariance = n.multiply(graySquares.toBigInteger()).subtract(s1.multiply(s1));
        double denominator = (double) pixels * pixels * scale * scale;
        return Math.sqrt(scaledVariance.doubleValue() / denominator);
    }

    double meanRedShare(int fractionBits) {
        return fixedPointMean(redShares.toBigInteger(), fractionBits);
    }

    double meanGreenShare(int fractionBits) {
        return fixedPointMean(greenShares.toBigInteger(), fractionBits);
    }

    /**
     * Blue from the identity r/s + g/s + b/s = 1 for every pixel with s = r+g+b > 0: the sum of
     * blue shares is (non-black pixels) - (red shares) - (green shares). Per pixel this differs
     * from b/s by at most (r+g)/2 / 2^48 < 1.4e-12 (the rounding of the reciprocal), so the mean
     * is within that of the exact value; clamped at 0 against that rounding.
     */
    double meanBlueShare(int fractionBits) {
        BigInteger blue = BigInteger.valueOf(nonBlackPixels).shiftLeft(fractionBits)
                .subtract(redShares.toBigInteger()).subtract(greenShares.toBigInteger());
        return Math.max(0.0, fixedPointMean(blue, fractionBits));
    }

    private double fixedPointMean(BigInteger total, int fractionBits) {
        return Math.scalb(total.doubleValue(), -fractionBits) / pixels;
    }
}
