package dev.imagedrift.cli;

import dev.imagedrift.detect.DetectionMode;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.CombinedDetector;
import dev.imagedrift.detect.CombinedResult;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.properties.PropertySet;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.reference.ImageLoader;
import dev.imagedrift.reference.MeasuredWith;
import dev.imagedrift.reference.ReferenceSnapshot;
import dev.imagedrift.reference.ReferenceSources;
import dev.imagedrift.reference.SnapshotOptions;
import dev.imagedrift.report.CheckReport;
import dev.imagedrift.report.EmbeddingReport;
import dev.imagedrift.report.HtmlReport;
import dev.imagedrift.report.JsonReport;
import dev.imagedrift.report.ReportSide;
import dev.imagedrift.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code check}: the batch form of the product, and of the reference check. Compares a current
 * set of images (a directory or a snapshot) with a reference set and reports drift as text, JSON
 * or HTML. Exit codes ({@link ExitCodes}): 0 no drift, 1 drift, 2 usage or input errors, 3 too few
 * images to decide (0 with {@code --insufficient-data-ok}); so a CI gate cannot pass on a window it
 * could not judge.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Compare current images with reference images and report drift (exit 1 on drift).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.LIST_OK, ExitCodes.LIST_DRIFT, ExitCodes.LIST_USAGE, ExitCodes.LIST_INSUFFICIENT})
public final class CheckCommand implements Callable<Integer> {

    /** Report formats. */
    enum Format { TEXT, JSON, HTML }

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--reference", required = true, paramLabel = "DIR|SNAPSHOT",
            description = "Reference (training) images: a directory, or a snapshot file from the snapshot command.")
    Path reference;

    @Option(names = "--current", required = true, paramLabel = "DIR|SNAPSHOT",
            description = "Current (production) images: a directory or a snapshot file.")
    Path current;

    @Option(names = "--mode", defaultValue = "calibrated", paramLabel = "MODE", converter = ModeConverter.class,
            description = "calibrated (k-fold, p-value and effect floor) or reference-check (deepchecks' rule: one "
                    + "70/30 split, score >= threshold) (default: ${DEFAULT-VALUE}).")
    DetectionMode mode;

    @Option(names = "--threshold", defaultValue = "0.1", paramLabel = "SCORE",
            description = "Drift needs score = max(2*AUC-1, 0) at or above this: the effect-size floor in calibrated "
                    + "mode, the whole rule in reference-check mode (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--alpha", defaultValue = "0.01", paramLabel = "P",
            description = "Calibrated mode: drift needs p below this (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Mixin
    SampleOptions sampling;

    @Mixin
    ImageLimitOptions limits;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "text, json or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Option(names = "--reference-embeddings", paramLabel = "FILE",
            description = "Embeddings of the reference images, keyed by image id (.npy with --reference-embedding-ids, "
                    + "or JSON Lines); needs --embedding-model.")
    Path referenceEmbeddings;

    @Option(names = "--reference-embedding-ids", paramLabel = "FILE", description = "Ids of the .npy file's rows.")
    Path referenceEmbeddingIds;

    @Option(names = "--current-embeddings", paramLabel = "FILE",
            description = "Embeddings of the current images, keyed by image id, from the same model.")
    Path currentEmbeddings;

    @Option(names = "--current-embedding-ids", paramLabel = "FILE", description = "Ids of the .npy file's rows.")
    Path currentEmbeddingIds;

    @Mixin
    EmbeddingOptions embedding;

    @Option(names = "--insufficient-data-ok",
            description = "Exit 0 instead of 3 when a side has too few images to decide.")
    boolean insufficientDataOk;

    @Mixin
    MeasurementOptions measurement;

    @Override
    public Integer call() {
        DetectorSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        PropertySet properties = plugins.properties(spec);
        SnapshotOptions options = SnapshotOptions.defaults().withMaxSamples(sampling.maxSamples).withSeed(sampling.seed)
                .withProgress(!quiet && System.console() != null);
        ImageLoader loader = measurement.loader(spec, limits);
        ReferenceSnapshot ref;
        ReferenceSnapshot cur;
        try {
            ref = ReferenceSources.load(reference, properties, loader, options);
            cur = ReferenceSources.load(current, properties, loader, options);
            ref.measuredWith().requireComparable("the reference side (" + reference + ")",
                    cur.measuredWith().mode(), "the current side (" + current + ") is measured");
        } catch (IOException | MeasuredWith.PropertiesModeMismatch e) {
            err.println("check: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        CheckEmbeddings.Sides sides;
        try {
            sides = new CheckEmbeddings(spec, embedding, plugins, loader).resolve(ref, cur, referenceEmbeddings,
                    referenceEmbeddingIds, currentEmbeddings, currentEmbeddingIds);
        } catch (IOException | IllegalArgumentException e) {
            err.println("check: embeddings: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        ref = sides.reference();
        CombinedResult combined = new CombinedDetector(settings).detect(ref.toSamples(), cur.toSamples(),
                sides.hasEmbeddings() ? ref.embeddings().toSamples() : null, sides.current());
        EmbeddingReport embeddingReport = combined.hasEmbedding() ? new EmbeddingReport(combined,
                ref.embeddings().model(), ref.embeddings().dimension(),
                java.util.Arrays.stream(ref.embeddings().projection().varianceShare()).sum()) : null;
        DriftResult result = combined.properties();
        CheckReport report = CheckReport.of(combined, embeddingReport, ReportSide.of(reference.toString(), ref),
                ReportSide.of(current.toString(), cur));
        String rendered = switch (format) {
            case TEXT -> TextReport.render(report);
            case JSON -> JsonReport.render(report);
            case HTML -> HtmlReport.render(report);
        };
        try {
            if (out == null) {
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.print(rendered);
                stdout.flush();
            } else {
                Files.writeString(out, rendered, StandardCharsets.UTF_8);
                spec.commandLine().getOut().printf("%s report written to %s (%s)%n", format.name().toLowerCase(),
                        out, report.passed() ? "no drift" : "DRIFT");
                spec.commandLine().getOut().flush();
            }
        } catch (IOException e) {
            err.println("check: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        return exitCode(report.status());
    }

    private int exitCode(DriftStatus status) {
        return switch (status) {
            case OK -> ExitCodes.OK;
            case DRIFT -> ExitCodes.DRIFT;
            case INSUFFICIENT_DATA -> insufficientDataOk ? ExitCodes.OK : ExitCodes.INSUFFICIENT_DATA;
        };
    }

    private DetectorSettings settings() {
        DetectorSettings base = mode == DetectionMode.CALIBRATED
                ? DetectorSettings.calibratedDefaults() : DetectorSettings.referenceCheckDefaults();
        try {
            return base.withAlpha(alpha).withMinScore(threshold).withSeed(sampling.seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()
                    .replace("alpha", "--alpha").replace("minScore", "--threshold"));
        }
    }

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<DetectionMode> {
        @Override
        public DetectionMode convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
                case "calibrated" -> DetectionMode.CALIBRATED;
                case "reference-check" -> DetectionMode.REFERENCE_CHECK;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a mode: use calibrated or reference-check");
            };
        }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a format: use text, json or html");
            }
        }
    }
}
