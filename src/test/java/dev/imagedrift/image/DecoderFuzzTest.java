package dev.imagedrift.image;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded fuzzing of the decoder: random bytes behind each format's signature, and valid images of
 * every format and layout with flipped bits, overwritten runs, header and length fields set to
 * extreme values, truncations and duplicated regions. For every input: the decoder returns an
 * image or an {@link ImageRejected}, nothing else; and it allocates at most a few times its
 * budget. (Allocation counts garbage too: the JDK renders a progressive JPEG once per scan and
 * TwelveMonkeys' lossy WebP decoder makes short-lived objects per macroblock, so a decode admitted
 * under the budget can allocate a few budgets in total; what stays live is checked under a small
 * heap by {@link SmallHeapDecodeTest}. A bomb allocates gigabytes.)
 *
 * <p>A bounded run in {@code mvn verify} ({@value #DEFAULT_TRIES} inputs, a few seconds). A longer
 * run: {@code mvn -o test -Dtest=DecoderFuzzTest -Dimagedrift.fuzz.tries=100000} (and
 * {@code -Dimagedrift.fuzz.seed=N} for other inputs); a failure names the seed and the try, which
 * reproduce it.
 */
class DecoderFuzzTest {
    static final int DEFAULT_TRIES = 1000;
    private static final long DEFAULT_SEED = 20261203L;
    /** The per-image budget of the fuzzed decoder. */
    private static final long BUDGET = 64L << 20;
    private static final long SLACK = 8L << 20;
    /** Total allocation allowed per decode, in budgets (garbage included, see above). */
    private static final int CHURN_BUDGETS = 4;
    private static final int[] EXTREMES = {0, 1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000};

    private static final ImageDecoder DECODER = new ImageDecoder(DecodeLimits.defaults().withMaxDecodeBytes(BUDGET),
            ExifOrientation.APPLY, new DecodeMemory(BUDGET));
    private static final List<byte[]> SEEDS = new ArrayList<>();

    @BeforeAll
    static void validImagesOfEveryFormat() throws ImageRejected {
        BufferedImage rgb = TestImages.image(BufferedImage.TYPE_INT_RGB, 24, 17, TestImages::pattern);
        BufferedImage gray16 = TestImages.withSamples(TestImages.componentModel(ColorSpace.CS_GRAY, false,
                DataBuffer.TYPE_USHORT), 5, 3, 0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000,
                12000, 13000, 65535);
        BufferedImage indexed = TestImages.withSamples(TestImages.palette(8, new int[] {255, 0, 9},
                new int[] {0, 128, 9}, new int[] {0, 0, 200}), 3, 2, 0, 1, 2, 2, 1, 0);
        SEEDS.add(ImageCodec.encodeJpeg(rgb, 0.8f));
        SEEDS.add(HostileImages.progressiveJpeg());
        SEEDS.add(ExifOrientationTest.jpegWithExif(ImageCodec.encodeJpeg(rgb, 0.8f), 6));
        SEEDS.add(TestImages.encode(rgb, "png"));
        SEEDS.add(TestImages.encode(gray16, "png"));
        SEEDS.add(TestImages.encode(indexed, "png"));
        SEEDS.add(ExifOrientationTest.pngWithExif(TestImages.encode(rgb, "png"), 8));
        SEEDS.add(TestImages.encode(rgb, "bmp"));
        SEEDS.add(TestImages.encode(indexed, "bmp"));
        SEEDS.add(HostileImages.bmpV5LinkedProfile("/etc/hostname"));
        SEEDS.add(TestImages.encode(rgb, "gif"));
        SEEDS.add(TestImages.readResource("webp/photo-lossless.webp"));
        SEEDS.add(TestImages.readResource("webp/photo-lossy.webp"));
        SEEDS.add(TestImages.readResource("webp/photo-alpha-lossy.webp"));
        SEEDS.add(TestImages.readResource("webp/photo-icc-exif6.webp"));
        SEEDS.add(WebpTiffFidelityTest.tiff(rgb, "LZW", false));
        SEEDS.add(WebpTiffFidelityTest.tiff(rgb, "Deflate", true));
        SEEDS.add(WebpTiffFidelityTest.tiff(gray16, "PackBits", false));
        SEEDS.add(WebpTiffFidelityTest.tiff(indexed, "none", true));
        SEEDS.add(TestImages.readResource("tiff/photo-planar-lzw.tif"));
        for (byte[] seed : SEEDS) {
            DECODER.decode(seed, "seed"); // every seed is valid, and the readers' classes are loaded
        }
    }

    private static final byte[][] SIGNATURES = {
            {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
            {'G', 'I', 'F', '8', '9', 'a'},
            {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'},
            {'I', 'I', 42, 0},
            {'M', 'M', 0, 42},
            {'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0},
    };

    enum Mutation { RANDOM_AFTER_SIGNATURE, BIT_FLIPS, OVERWRITE_RUN, EXTREME_FIELD, TRUNCATE, DUPLICATE_REGION }

    static byte[] mutate(SplittableRandom random, Mutation mutation) {
        if (mutation == Mutation.RANDOM_AFTER_SIGNATURE) {
            byte[] signature = SIGNATURES[random.nextInt(SIGNATURES.length)];
            byte[] bytes = new byte[signature.length + random.nextInt(2048)];
            for (int i = signature.length; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            System.arraycopy(signature, 0, bytes, 0, signature.length);
            return bytes;
        }
        byte[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
        byte[] b = seed.clone();
        // Most of a file's structure sits at its start: aim there half of the time.
        int reach = random.nextBoolean() ? Math.min(b.length, 256) : b.length;
        switch (mutation) {
            case BIT_FLIPS -> {
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    b[random.nextInt(reach)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case OVERWRITE_RUN -> {
                int start = random.nextInt(reach);
                for (int i = start, end = Math.min(b.length, start + 1 + random.nextInt(32)); i < end; i++) {
                    b[i] = (byte) random.nextInt(256);
                }
            }
            case EXTREME_FIELD -> {
                int at = random.nextInt(Math.max(1, reach - 4));
                int value = EXTREMES[random.nextInt(EXTREMES.length)];
                boolean little = random.nextBoolean();
                int width = 1 << random.nextInt(3); // 1, 2 or 4 bytes
                for (int i = 0; i < width && at + i < b.length; i++) {
                    int shift = 8 * (little ? i : width - 1 - i);
                    b[at + i] = (byte) (value >>> shift);
                }
            }
            case TRUNCATE -> b = Arrays.copyOf(b, 1 + random.nextInt(b.length - 1));
            case DUPLICATE_REGION -> {
                int start = random.nextInt(b.length);
                int length = Math.min(b.length - start, 1 + random.nextInt(512));
                byte[] out = new byte[b.length + length];
                System.arraycopy(b, 0, out, 0, start + length);
                System.arraycopy(b, start, out, start + length, b.length - start);
                b = out;
            }
            default -> throw new IllegalStateException();
        }
        return b;
    }

    @Test
    void nothingButImageRejectedEscapesAndAllocationStaysBounded() throws Exception {
        int tries = Integer.getInteger("imagedrift.fuzz.tries", DEFAULT_TRIES);
        long seed = Long.getLong("imagedrift.fuzz.seed", DEFAULT_SEED);
        Map<Mutation, int[]> counts = new EnumMap<>(Mutation.class); // decoded, rejected
        Map<String, Integer> reasons = new TreeMap<>();
        long largest = 0;
        long slowestNanos = 0;
        String slowest = "";
        long start = System.nanoTime();
        for (int t = 0; t < tries; t++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + t);
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            byte[] input = mutate(random, mutation);
            String where = "seed " + seed + ", try " + t + " (" + mutation + ", " + input.length + " bytes)";
            Object[] outcome = new Object[1];
            long tryStart = System.nanoTime();
            long allocated = Allocations.measure(() -> {
                try {
                    outcome[0] = DECODER.decode(input, "fuzz");
                } catch (ImageRejected e) {
                    outcome[0] = e;
                } catch (Throwable e) {
                    fail(where + ": escaped as " + e, e);
                }
            });
            long nanos = System.nanoTime() - tryStart;
            if (nanos > slowestNanos) {
                slowestNanos = nanos;
                slowest = where;
            }
            long bound = CHURN_BUDGETS * BUDGET + SLACK + 3L * input.length;
            assertTrue(allocated <= bound, where + ": allocated " + allocated + " bytes, bound " + bound);
            largest = Math.max(largest, allocated);
            int[] c = counts.computeIfAbsent(mutation, m -> new int[2]);
            if (outcome[0] instanceof ImageRejected e) {
                c[1]++;
                reasons.merge(e.reason().code(), 1, Integer::sum);
                assertTrue(e.getMessage().startsWith("fuzz: "), where + ": " + e.getMessage());
            } else {
                c[0]++;
            }
        }
        StringBuilder summary = new StringBuilder(String.format(
                "decoder fuzz: %d inputs, seed %d, %.1f s, largest allocation %d bytes, slowest %.0f ms (%s); "
                        + "reasons %s;", tries, seed, (System.nanoTime() - start) / 1e9, largest, slowestNanos / 1e6,
                slowest, reasons));
        counts.forEach((m, c) -> summary.append(' ').append(m).append(' ').append(c[0]).append(" decoded/")
                .append(c[1]).append(" refused;"));
        System.out.println(summary);
    }
}
