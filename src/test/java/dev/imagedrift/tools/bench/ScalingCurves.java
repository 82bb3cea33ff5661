package dev.imagedrift.tools.bench;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DriftDetector;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.image.ImageCodec;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.image.JpegDecoding;
import dev.imagedrift.image.JpegScaling;
import dev.imagedrift.properties.PropertySet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two scaling curves of docs/BENCHMARKS.md, on one thread (run it pinned to one core):
 * <ul>
 *   <li>images/s against image size, 320x240 to 3840x2160, exact and fast mode (decode with
 *       TurboJPEG + the seven properties, in-process, thread CPU time). Each test image is a mosaic
 *       of real 640x480 photo frames (so every size has the texture of real photos, not of an
 *       upscaled one), JPEG quality 0.85.</li>
 *   <li>detection time against samples per side, 1,000 to 50,000, both rules (the synthetic
 *       matrices of {@link DetectorBenchmark}; process CPU time, median of 3 after a warm-up).</li>
 * </ul>
 * Writes CSV and PNG plots into OUT_DIR ({@code plot} redraws the PNGs from the CSVs there).
 *
 * <pre>java -cp ... dev.imagedrift.tools.bench.ScalingCurves FRAMES_DIR OUT_DIR [size|detector|both|plot]</pre>
 */
public final class ScalingCurves {
    private static final int[][] SIZES = {{320, 240}, {640, 480}, {1280, 720}, {1920, 1080}, {2560, 1440},
            {3840, 2160}};
    private static final int[] PER_SIDE = {1_000, 2_000, 5_000, 10_000, 20_000, 50_000};
    private static final int IMAGES_PER_SIZE = 8;
    private static final double SECONDS_PER_POINT = 3;

    private ScalingCurves() {}

    public static void main(String[] args) throws Exception {
        Path frames = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String which = args.length > 2 ? args[2] : "both";
        Files.createDirectories(out);
        if (which.equals("size") || which.equals("both")) {
            sizeCurve(frames, out);
        }
        if (which.equals("detector") || which.equals("both")) {
            detectorCurve(out);
        }
        plot(out);
    }

    /** Draws both charts from the CSV files in {@code out} (either may be missing). */
    private static void plot(Path out) throws IOException {
        Path sizes = out.resolve("images-per-second-by-size.csv");
        if (Files.exists(sizes)) {
            XYSeries exact = new XYSeries("exact mode");
            XYSeries fast = new XYSeries("fast mode");
            for (String line : Files.readAllLines(sizes).subList(1, Files.readAllLines(sizes).size())) {
                String[] f = line.split(",");
                (f[3].equals("fast") ? fast : exact).add(Double.parseDouble(f[2]), Double.parseDouble(f[4]));
            }
            chart("Images per second by image size, one core (320x240 to 3840x2160)", "pixels per image",
                    "images per second", out.resolve("images-per-second-by-size.png"), exact, fast);
        }
        Path detection = out.resolve("detection-time-by-samples.csv");
        if (Files.exists(detection)) {
            XYSeries calibratedSeries = new XYSeries("calibrated rule");
            XYSeries referenceSeries = new XYSeries("reference-check rule");
            for (String line : Files.readAllLines(detection).subList(1, Files.readAllLines(detection).size())) {
                String[] f = line.split(",");
                (f[1].equals("calibrated") ? calibratedSeries : referenceSeries)
                        .add(Double.parseDouble(f[0]), Double.parseDouble(f[2]));
            }
            chart("Detection time by samples per side, one core", "samples per side",
                    "CPU milliseconds per detection", out.resolve("detection-time-by-samples.png"),
                    calibratedSeries, referenceSeries);
        }
    }

    private static void sizeCurve(Path framesDir, Path out) throws IOException, ImageRejected {
        List<Path> frameFiles = DecoderAgreement.jpegs(framesDir);
        JpegDecoding turbo = JpegDecoding.select(JpegDecoding.Preference.TURBOJPEG, JpegDecoding.DEFAULT_TURBOJPEG_JAR);
        ImageDecoder exact = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ImageDecoder.DEFAULT_MAX_BYTES, turbo,
                JpegScaling.FULL);
        ImageDecoder fast = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, ImageDecoder.DEFAULT_MAX_BYTES, turbo,
                JpegScaling.FAST);
        PropertySet properties = PropertySet.defaults();
        StringBuilder csv = new StringBuilder("width,height,pixels,mode,images_per_second,ns_per_pixel,mean_jpeg_bytes\n");
        int next = 0;
        for (int[] size : SIZES) {
            List<byte[]> jpegs = new ArrayList<>();
            for (int i = 0; i < IMAGES_PER_SIZE; i++) {
                BufferedImage mosaic = mosaic(frameFiles, next, size[0], size[1]);
                next += 40;
                jpegs.add(ImageCodec.encodeJpeg(mosaic, 0.85f));
            }
            double bytes = jpegs.stream().mapToInt(b -> b.length).average().orElse(0);
            for (boolean isFast : new boolean[] {false, true}) {
                ImageDecoder decoder = isFast ? fast : exact;
                double rate = rate(decoder, properties, jpegs);
                long pixels = (long) size[0] * size[1];
                csv.append(String.format(Locale.ROOT, "%d,%d,%d,%s,%.1f,%.2f,%.0f%n", size[0], size[1], pixels,
                        isFast ? "fast" : "exact", rate, 1e9 / rate / pixels, bytes));
                System.out.printf(Locale.ROOT, "%dx%d %s: %.1f images/s (%.2f ns a pixel; %.0f KB a file)%n",
                        size[0], size[1], isFast ? "fast" : "exact", rate, 1e9 / rate / pixels, bytes / 1024);
            }
        }
        Files.writeString(out.resolve("images-per-second-by-size.csv"), csv);
    }

    /** Decode + properties over the images, repeated for a few seconds; images per second of thread CPU time. */
    private static double rate(ImageDecoder decoder, PropertySet properties, List<byte[]> jpegs) throws ImageRejected {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 3; warm++) {
            for (byte[] jpeg : jpegs) {
                decoder.decodeTransiently(jpeg, "warm-up", properties::compute);
            }
        }
        long start = threads.getCurrentThreadCpuTime();
        long count = 0;
        while (threads.getCurrentThreadCpuTime() - start < SECONDS_PER_POINT * 1e9) {
            for (byte[] jpeg : jpegs) {
                decoder.decodeTransiently(jpeg, "image", properties::compute);
                count++;
            }
        }
        return count / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
    }

    /** Real 640x480 frames tiled over a width x height canvas, starting at frame {@code first}. */
    private static BufferedImage mosaic(List<Path> frames, int first, int width, int height) throws IOException {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        int k = first;
        for (int y = 0; y < height; y += 480) {
            for (int x = 0; x < width; x += 640) {
                g.drawImage(ImageIO.read(frames.get(k++ % frames.size()).toFile()), x, y, null);
            }
        }
        g.dispose();
        return canvas;
    }

    private static void detectorCurve(Path out) throws IOException {
        DriftDetector calibrated = Detectors.create(DetectorSettings.calibratedDefaults());
        DriftDetector referenceCheck = Detectors.create(DetectorSettings.referenceCheckDefaults());
        StringBuilder csv = new StringBuilder("per_side,rule,median_cpu_ms\n");
        // Compile the hot code first, so the JIT's own CPU time does not land on the smallest sizes.
        Samples warmReference = DetectorBenchmark.samples(5_000, 3, "r", 0.0, false);
        Samples warmCurrent = DetectorBenchmark.samples(5_000, 4, "c", 0.1, false);
        for (int i = 0; i < 5; i++) {
            calibrated.detect(warmReference, warmCurrent);
            referenceCheck.detect(warmReference, warmCurrent);
        }
        for (int n : PER_SIDE) {
            Samples reference = DetectorBenchmark.samples(n, 1, "r", 0.0, false);
            Samples current = DetectorBenchmark.samples(n, 2, "c", 0.1, false);
            for (boolean isCalibrated : new boolean[] {true, false}) {
                DriftDetector detector = isCalibrated ? calibrated : referenceCheck;
                detector.detect(reference, current); // warm-up
                double[] ms = new double[3];
                for (int i = 0; i < ms.length; i++) {
                    // Process CPU time: the work of the pool's one worker thread counts too, waiting for the core does not.
                    long t0 = processCpuNanos();
                    detector.detect(reference, current);
                    ms[i] = (processCpuNanos() - t0) / 1e6;
                }
                double median = DetectorTiming.median(ms);
                String rule = isCalibrated ? "calibrated" : "reference-check";
                csv.append(String.format(Locale.ROOT, "%d,%s,%.1f%n", n, rule, median));
                System.out.printf(Locale.ROOT, "%,d per side, %s: %.0f ms CPU%n", n, rule, median);
            }
        }
        Files.writeString(out.resolve("detection-time-by-samples.csv"), csv);
    }

    /** A log-scale axis labelled with plain numbers (1,000, 10,000, ...), not powers. */
    private static LogarithmicAxis logAxis(String label) {
        LogarithmicAxis axis = new LogarithmicAxis(label);
        axis.setStrictValuesFlag(false);
        axis.setExpTickLabelsFlag(false);
        axis.setLog10TickLabelsFlag(false);
        axis.setNumberFormatOverride(java.text.NumberFormat.getIntegerInstance(Locale.ROOT));
        return axis;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void chart(String title, String x, String y, Path png, XYSeries... series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false,
                false);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(logAxis(x));
        plot.setRangeAxis(logAxis(y));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0xd62728));
        plot.setRenderer(renderer);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 520);
    }
}
