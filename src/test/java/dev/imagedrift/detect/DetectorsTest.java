package dev.imagedrift.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DetectorsTest {

    @Test
    void eachModeGetsItsDetector() {
        DetectorSettings calibrated = DetectorSettings.calibratedDefaults();
        DriftDetector detector = Detectors.create(calibrated);
        assertInstanceOf(CalibratedDetector.class, detector);
        assertSame(calibrated, detector.settings());
        assertInstanceOf(ReferenceCheckDetector.class, Detectors.create(DetectorSettings.referenceCheckDefaults()));
        assertThrows(IllegalArgumentException.class, () -> Detectors.create(null));
    }

    @Test
    void resultsRoundTripThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Samples reference = SyntheticSamples.normal(80, 1, "r");
        for (DetectorSettings settings : new DetectorSettings[]{DetectorSettings.calibratedDefaults(),
                DetectorSettings.referenceCheckDefaults()}) {
            DriftResult result = Detectors.create(settings).detect(reference, SyntheticSamples.normal(90, 2, "c", 2, 1));
            assertEquals(result, mapper.readValue(mapper.writeValueAsString(result), DriftResult.class));
        }
        DriftResult insufficient = Detectors.create(DetectorSettings.calibratedDefaults())
                .detect(reference, SyntheticSamples.normal(5, 3, "c"));
        assertEquals(insufficient, mapper.readValue(mapper.writeValueAsString(insufficient), DriftResult.class));
    }
}
