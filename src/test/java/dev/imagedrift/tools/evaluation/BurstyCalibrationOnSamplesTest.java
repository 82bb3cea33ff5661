package dev.imagedrift.tools.evaluation;

import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.detect.Detectors;
import dev.imagedrift.detect.DriftDetector;
import dev.imagedrift.detect.DriftResult;
import dev.imagedrift.detect.DriftStatus;
import dev.imagedrift.detect.Samples;
import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageCodec;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.properties.PropertySet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bursty false-alarm rate in small, on the 600 real sample photos in the repository: a scene
 * is a sample photo, a frame is a sub-crop of it at a random offset of up to {@value #MARGIN}
 * pixels, JPEG-encoded and decoded on its own (a camera that moved a little); a reference image
 * is a sub-crop of another sample made the same way, so frames and reference images have one
 * distribution and every window below is a no-drift window. Windows of 10 scenes x 10 frames
 * against 300 independent reference images, the case in small; the detector is never
 * told which frames belong together (frames shuffled, ids opaque).
 */
class BurstyCalibrationOnSamplesTest {
    private static final int MARGIN = 8;
    private static final int SCENES = 10;
    private static final int FRAMES = 10;
    private static final int TRIALS = 200;
    private static final long SEED = 20_261_203L;

    /** Per reference photo: one sub-crop; per current photo: FRAMES sub-crops. */
    private static double[][] referenceRows;
    private static double[][][] sceneFrames;
    private static List<DriftResult> calibrated;
    private static int referenceCheckAlarms;

    @BeforeAll
    static void runTrials() throws Exception {
        PropertySet properties = PropertySet.defaults();
        ImageDecoder decoder = ImageDecoder.withDefaults();
        List<Path> reference = images(Path.of("samples/reference"));
        List<Path> current = images(Path.of("samples/current"));
        SplittableRandom random = new SplittableRandom(SEED);
        referenceRows = new double[reference.size()][];
        for (int i = 0; i < reference.size(); i++) {
            referenceRows[i] = properties.compute(frame(decoder.decode(reference.get(i)), random, decoder));
        }
        sceneFrames = new double[current.size()][FRAMES][];
        for (int s = 0; s < current.size(); s++) {
            DecodedImage photo = decoder.decode(current.get(s));
            for (int f = 0; f < FRAMES; f++) sceneFrames[s][f] = properties.compute(frame(photo, random, decoder));
        }

        DetectorSettings settings = EvaluationPlan.decisionOnly(DetectorSettings.calibratedDefaults());
        DetectorSettings check = EvaluationPlan.decisionOnly(DetectorSettings.referenceCheckDefaults());
        calibrated = new ArrayList<>();
        for (int t = 0; t < TRIALS; t++) {
            SplittableRandom draw = new SplittableRandom(TrialSeeds.derive(SEED, t));
            Samples ref = new Samples(properties.names(), referenceRows, ids("r", referenceRows.length, draw));
            Samples cur = burstyWindow(properties, draw);
            calibrated.add(Detectors.create(settings.withSeed(draw.nextLong())).detect(ref, cur));
            if (t < 40) {
                DriftDetector referenceCheck = Detectors.create(check.withSeed(draw.nextLong()));
                if (referenceCheck.detect(ref, cur).status() == DriftStatus.DRIFT) referenceCheckAlarms++;
            }
        }
    }

    @Test
    void burstyWindowsWithNoDriftRaiseAtMostTwiceAlphaFalseAlarms() {
        double alpha = DetectorSettings.calibratedDefaults().alpha();
        long alarms = calibrated.stream().filter(r -> r.status() == DriftStatus.DRIFT).count();
        assertTrue(alarms <= 2 * alpha * TRIALS, alarms + " false alarms in " + TRIALS + " bursty no-drift windows");
    }

    @Test
    void theDetectorCountsScenesNotFrames() {
        double meanUnits = calibrated.stream().mapToInt(DriftResult::unitsCurrent).average().orElseThrow();
        assertTrue(meanUnits >= SCENES - 0.5 && meanUnits <= SCENES + 1.5,
                "mean independent units found " + meanUnits + " for " + SCENES + " scenes of " + FRAMES + " frames");
        assertEquals(SCENES * FRAMES, calibrated.get(0).nCurrent());
        assertTrue(calibrated.get(0).reason().contains("independent units"), calibrated.get(0).reason());
    }

    @Test
    void theSameWindowsFoolTheRuleThatCountsFrames() {
        // The reference check's rule (one split, frames as rows) on the same windows: near-duplicates
        // on both sides of its split make it see drift that is not there. This shows the test above
        // measures a case that is hard, not an easy one.
        assertTrue(referenceCheckAlarms >= 20, "reference check alarmed in only " + referenceCheckAlarms + " of 40");
    }

    /** SCENES scenes drawn at random, FRAMES frames each, shuffled, with opaque ids. */
    private static Samples burstyWindow(PropertySet properties, SplittableRandom draw) {
        int[] scenes = WindowDraw.distinct(sceneFrames.length, SCENES, draw);
        double[][] rows = new double[SCENES * FRAMES][];
        int[] order = WindowDraw.distinct(rows.length, rows.length, draw);
        for (int i = 0; i < rows.length; i++) rows[order[i]] = sceneFrames[scenes[i / FRAMES]][i % FRAMES];
        return new Samples(properties.names(), rows, ids("c", rows.length, draw));
    }

    /** A sub-crop at a random offset of 0..MARGIN in each direction, encoded and decoded on its own. */
    private static DecodedImage frame(DecodedImage photo, SplittableRandom random, ImageDecoder decoder) throws Exception {
        BufferedImage rgb = ImageCodec.toRgb(photo);
        int w = rgb.getWidth() - MARGIN;
        int h = rgb.getHeight() - MARGIN;
        BufferedImage crop = rgb.getSubimage(random.nextInt(MARGIN + 1), random.nextInt(MARGIN + 1), w, h);
        BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        copy.getGraphics().drawImage(crop, 0, 0, null);
        return decoder.decode(ImageCodec.encodeJpeg(copy, CropGenerator.JPEG_QUALITY), "frame");
    }

    private static List<String> ids(String prefix, int n, SplittableRandom draw) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(prefix + Long.toHexString(draw.nextLong()));
        return ids;
    }

    private static List<Path> images(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
        }
    }
}
