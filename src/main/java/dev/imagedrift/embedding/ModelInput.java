package dev.imagedrift.embedding;

import dev.imagedrift.image.DecodedImage;

/**
 * Turns decoded pixels into a model's input: the whole image resized to a square of
 * {@code inputSize} pixels by averaging the source pixels each output pixel covers (a box filter:
 * no aliasing when shrinking; the nearest pixel when enlarging), RGB planes in NCHW order (a gray
 * image fills all three), each value {@code (v / 255 - mean[c]) / std[c]}.
 */
public final class ModelInput {
    private ModelInput() {}

    /** The tensor of one image: 3 planes of inputSize x inputSize floats, R then G then B. */
    public static float[] chw(DecodedImage image, EmbedderSpec spec) {
        int s = spec.inputSize();
        int w = image.width();
        int h = image.height();
        byte[] data = image.data();
        int ps = image.pixelStride();
        int ss = image.scanlineStride();
        int[] offsets = image.isGray()
                ? new int[] {image.grayOffset(), image.grayOffset(), image.grayOffset()}
                : new int[] {image.redOffset(), image.greenOffset(), image.blueOffset()};
        float[] out = new float[3 * s * s];
        for (int oy = 0; oy < s; oy++) {
            int y0 = (int) ((long) oy * h / s);
            int y1 = Math.max(y0 + 1, (int) ((long) (oy + 1) * h / s));
            for (int ox = 0; ox < s; ox++) {
                int x0 = (int) ((long) ox * w / s);
                int x1 = Math.max(x0 + 1, (int) ((long) (ox + 1) * w / s));
                long r = 0, g = 0, b = 0;
                for (int y = y0; y < y1; y++) {
                    int row = y * ss;
                    for (int x = x0; x < x1; x++) {
                        int p = row + x * ps;
                        r += data[p + offsets[0]] & 0xFF;
                        g += data[p + offsets[1]] & 0xFF;
                        b += data[p + offsets[2]] & 0xFF;
                    }
                }
                double count = 255.0 * (y1 - y0) * (x1 - x0);
                int at = oy * s + ox;
                out[at] = (float) ((r / count - spec.mean()[0]) / spec.std()[0]);
                out[s * s + at] = (float) ((g / count - spec.mean()[1]) / spec.std()[1]);
                out[2 * s * s + at] = (float) ((b / count - spec.mean()[2]) / spec.std()[2]);
            }
        }
        return out;
    }
}
