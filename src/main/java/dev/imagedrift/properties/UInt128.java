package dev.imagedrift.properties;

import java.math.BigInteger;

/** An unsigned 128-bit running total of non-negative longs: exact where a long would overflow. */
final class UInt128 {
    private long high;
    private long low;

    void add(long nonNegative) {
        long sum = low + nonNegative;
        if (Long.compareUnsigned(sum, low) < 0) {
            high++;
        }
        low = sum;
    }

    BigInteger toBigInteger() {
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }
}
