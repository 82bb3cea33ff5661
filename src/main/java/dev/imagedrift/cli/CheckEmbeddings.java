package dev.imagedrift.cli;

import dev.imagedrift.detect.Samples;
import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.reference.ImageLoader;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.SnapshotEmbeddings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Where {@code check}'s embeddings come from. The reference: an embeddings file, else the snapshot's
 * own embeddings, else the ONNX model. The current side: an embeddings file, else the ONNX model.
 * The projection is always the reference's. Without embeddings on the reference, only the
 * properties are compared.
 */
final class CheckEmbeddings {
    /** The reference (with embeddings when there are any) and the current side's projected embeddings, or null. */
    record Sides(ReferenceSnapshot reference, Samples current) {
        boolean hasEmbeddings() { return reference.embeddings() != null; }
    }

    private final CommandSpec command;
    private final EmbeddingOptions options;
    private final PluginOptions plugins;
    private final ImageLoader loader;

    CheckEmbeddings(CommandSpec command, EmbeddingOptions options, PluginOptions plugins, ImageLoader loader) {
        this.command = command;
        this.options = options;
        this.plugins = plugins;
        this.loader = loader;
    }

    Sides resolve(ReferenceSnapshot ref, ReferenceSnapshot cur, Path refFile, Path refIds, Path curFile, Path curIds)
            throws IOException {
        EmbedderSpec spec = options.spec(command);
        if (refIds != null && refFile == null || curIds != null && curFile == null) {
            throw new ParameterException(command.commandLine(), "an --...-embedding-ids option goes with its "
                    + "--...-embeddings file");
        }
        boolean refNeedsModel = refFile == null && ref.embeddings() == null;
        boolean curNeedsModel = curFile == null;
        boolean wanted = refFile != null || curFile != null || spec != null;
        if (!wanted) {
            if (ref.embeddings() != null) {
                PrintWriter err = command.commandLine().getErr();
                err.println("check: note: the reference has embeddings (model " + ref.embeddings().model() + ") but "
                        + "the current side has none: comparing properties only (give --current-embeddings or "
                        + "--onnx-model to compare embeddings too)");
                err.flush();
                return new Sides(ref.withEmbeddings(null), null);
            }
            return new Sides(ref, null);
        }
        if (spec == null && (refNeedsModel || curNeedsModel)) {
            throw new ParameterException(command.commandLine(), (refNeedsModel ? "the reference" : "the current side")
                    + " has no embeddings: give its embeddings file or --onnx-model");
        }
        ImageEmbedder embedder = spec == null ? null : options.open(command, spec, plugins.classLoader(command));
        try {
            int threads = Runtime.getRuntime().availableProcessors();
            if (refFile != null) {
                String model = embedder != null ? embedder.model() : options.fileModelName(command, "--reference-embeddings");
                ref = SnapshotEmbeddings.attach(ref, SnapshotEmbeddings.fromFile(ref, refFile, refIds), model, null,
                        options.components(command));
            } else if (ref.embeddings() == null) {
                requireImages(ref, "reference");
                ref = SnapshotEmbeddings.attach(ref, SnapshotEmbeddings.fromModel(ref, loader, embedder, threads),
                        embedder.model(), spec, options.components(command));
            } else if (embedder != null && !embedder.model().equals(ref.embeddings().model())) {
                throw new IllegalArgumentException("the reference snapshot's embeddings are from model "
                        + ref.embeddings().model() + ", --onnx-model is " + embedder.model()
                        + " (name it with --embedding-model if it is the same model)");
            }
            SnapshotEmbeddings.Found current;
            if (curFile != null) {
                current = SnapshotEmbeddings.fromFile(cur, curFile, curIds);
            } else {
                requireImages(cur, "current");
                current = SnapshotEmbeddings.fromModel(cur, loader, embedder, threads);
            }
            return new Sides(ref, SnapshotEmbeddings.project(ref.embeddings(), current));
        } finally {
            if (embedder != null) embedder.close();
        }
    }

    private static void requireImages(ReferenceSnapshot side, String name) throws IOException {
        if (dev.imagedrift.reference.ReferenceSources.imageDirectory(side).isEmpty()) {
            throw new IOException("the " + name + " images (" + side.source() + ") are not there to embed; give a "
                    + "directory, or an embeddings file for this side");
        }
    }
}
