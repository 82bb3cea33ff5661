package dev.imagedrift.cli;

import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.EmbeddingFailedException;
import dev.imagedrift.embedding.Embedders;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.embedding.Projection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Files;
import java.nio.file.Path;

/** How embeddings are computed or named, shared by {@code snapshot} and {@code check}. */
final class EmbeddingOptions {
    /** The most components a projection may keep (each is a column of the classifier and a metric label). */
    static final int MAX_COMPONENTS = 64;

    @Option(names = "--onnx-model", paramLabel = "FILE",
            description = "Compute image embeddings with this ONNX model (input [batch, 3, size, size], RGB; first "
                    + "output the embedding). Needs the ONNX plugin (image-drift-onnx.jar) in the plugins directory, "
                    + "or the tools jar.")
    Path onnxModel;

    @Option(names = "--embedding-model", paramLabel = "NAME",
            description = "The embedding model's name, checked against the events' model names (default: the ONNX "
                    + "file's name without extension; required with an embeddings file).")
    String modelName;

    @Option(names = "--input-size", paramLabel = "PIXELS",
            description = "The ONNX model's input width and height; images are resized to it (default: "
                    + EmbedderSpec.DEFAULT_INPUT_SIZE + ").")
    Integer inputSize;

    @Option(names = "--normalize-mean", paramLabel = "R,G,B",
            description = "Per-channel mean subtracted from pixels scaled to 0..1 (default: ImageNet's, "
                    + "the value shown in the snapshot summary).")
    String mean;

    @Option(names = "--normalize-std", paramLabel = "R,G,B",
            description = "Per-channel standard deviation divided by (default: ImageNet's).")
    String std;

    @Option(names = "--components", paramLabel = "K",
            description = "Principal components of the reference embeddings the embedding test compares "
                    + "(default: " + Projection.DEFAULT_COMPONENTS + ", at most " + MAX_COMPONENTS + ").")
    Integer components;

    /** The ONNX model's spec, or null when no model was given. */
    EmbedderSpec spec(CommandSpec command) {
        if (onnxModel == null) {
            if (inputSize != null || mean != null || std != null) {
                throw new ParameterException(command.commandLine(),
                        "--input-size, --normalize-mean and --normalize-std need --onnx-model");
            }
            return null;
        }
        if (!Files.isRegularFile(onnxModel)) {
            throw new ParameterException(command.commandLine(), "--onnx-model " + onnxModel + ": no such file");
        }
        try {
            return new EmbedderSpec(onnxModel, modelName, inputSize == null ? EmbedderSpec.DEFAULT_INPUT_SIZE : inputSize,
                    mean == null ? null : EmbedderSpec.parseTriple(mean), std == null ? null : EmbedderSpec.parseTriple(std));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "embedding options: " + e.getMessage());
        }
    }

    /** Loads the model; a model that cannot be loaded is a usage error naming the file. */
    ImageEmbedder open(CommandSpec command, EmbedderSpec spec, ClassLoader loader) {
        try {
            return Embedders.open(spec, loader);
        } catch (EmbeddingFailedException e) {
            throw new ParameterException(command.commandLine(), "--onnx-model: " + e.getMessage());
        }
    }

    int components(CommandSpec command) {
        int k = components == null ? Projection.DEFAULT_COMPONENTS : components;
        if (k < 1 || k > MAX_COMPONENTS) {
            throw new ParameterException(command.commandLine(), "--components must be between 1 and " + MAX_COMPONENTS
                    + ", got " + k);
        }
        return k;
    }

    /** The model name for embeddings read from a file: --embedding-model, required. */
    String fileModelName(CommandSpec command, String fileOption) {
        if (modelName == null) {
            throw new ParameterException(command.commandLine(), fileOption + " needs --embedding-model NAME (the model "
                    + "that computed the embeddings; events are checked against it)");
        }
        try {
            return dev.imagedrift.embedding.EmbeddingLimits.checkModelName(modelName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), "--embedding-model: " + e.getMessage());
        }
    }
}
