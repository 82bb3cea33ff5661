package dev.imagedrift.embedding;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * How to compute embeddings from images with a model the user supplies: the model file, the name it
 * is known by in events and records, and how images become its input (a square of
 * {@code inputSize} pixels, RGB, each channel scaled to 0..1 then normalised as
 * {@code (v - mean[c]) / std[c]}). Recorded in the snapshot, so the stream embeds production images
 * exactly as the reference was embedded.
 *
 * @param modelFile  the model (an ONNX file)
 * @param model      the model's name (default: the file name without its extension)
 * @param inputSize  width and height of the model's input, in pixels
 * @param mean       per-channel mean subtracted (R, G, B)
 * @param std        per-channel standard deviation divided by (R, G, B)
 */
public record EmbedderSpec(Path modelFile, String model, int inputSize, double[] mean, double[] std) {
    /** The input size of most ImageNet-trained models. */
    public static final int DEFAULT_INPUT_SIZE = 224;
    /** ImageNet's channel means, the normalisation most image models were trained with. */
    public static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    /** ImageNet's channel standard deviations. */
    public static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};
    /** The largest input side accepted: bounds the tensor an image becomes (3 x 1024 x 1024 floats = 12 MiB). */
    public static final int MAX_INPUT_SIZE = 1024;

    public EmbedderSpec {
        Objects.requireNonNull(modelFile, "modelFile");
        mean = mean == null ? IMAGENET_MEAN.clone() : mean.clone();
        std = std == null ? IMAGENET_STD.clone() : std.clone();
        if (model == null) {
            String file = modelFile.getFileName().toString();
            int dot = file.lastIndexOf('.');
            model = dot > 0 ? file.substring(0, dot) : file;
        }
        EmbeddingLimits.checkModelName(model);
        if (inputSize < 1 || inputSize > MAX_INPUT_SIZE) {
            throw new IllegalArgumentException("input size must be between 1 and " + MAX_INPUT_SIZE + ", got " + inputSize);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B), got " + mean.length + " and "
                    + std.length);
        }
        for (int c = 0; c < 3; c++) {
            if (!Double.isFinite(mean[c])) throw new IllegalArgumentException("mean " + mean[c] + " is not finite");
            if (!(std[c] > 0 && Double.isFinite(std[c]))) {
                throw new IllegalArgumentException("std " + std[c] + " must be a positive number");
            }
        }
    }

    /** A spec with the defaults: model named after the file, 224 pixels, ImageNet normalisation. */
    public static EmbedderSpec of(Path modelFile) {
        return new EmbedderSpec(modelFile, null, DEFAULT_INPUT_SIZE, null, null);
    }

    /** The mean and std as the text the options take: "0.485,0.456,0.406". */
    public static String format(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            if (b.length() > 0) b.append(',');
            b.append(java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
        }
        return b.toString();
    }

    /** Parses "a,b,c" into three numbers. */
    public static double[] parseTriple(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) throw new IllegalArgumentException("'" + text + "' is not three comma-separated numbers");
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not three comma-separated numbers");
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbedderSpec s && modelFile.equals(s.modelFile) && model.equals(s.model)
                && inputSize == s.inputSize && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelFile, model, inputSize, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "EmbedderSpec[" + modelFile + ", model " + model + ", input " + inputSize + "x" + inputSize + ", mean "
                + format(mean) + ", std " + format(std) + "]";
    }
}
