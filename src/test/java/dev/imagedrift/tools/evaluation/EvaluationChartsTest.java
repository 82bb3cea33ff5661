package dev.imagedrift.tools.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class EvaluationChartsTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryPlotAsAReadablePngLaidOutInTiles() throws Exception {
        List<String> files = EvaluationCharts.writeAll(EvaluationReportTest.results(), dir);
        assertEquals(List.of("false-alarms.png", "false-alarms-calibrated.png", "power-curves.png", "null-p-values.png"),
                files);
        int[][] sizes = {{900, 480}, {900, 420}, {2 * 460, 300}, {3 * 320, 240}}; // 2 scenarios, 2 window sizes
        for (int i = 0; i < files.size(); i++) {
            BufferedImage png = ImageIO.read(dir.resolve(files.get(i)).toFile());
            assertNotNull(png, files.get(i));
            assertEquals(sizes[i][0], png.getWidth(), files.get(i));
            assertEquals(sizes[i][1], png.getHeight(), files.get(i));
        }
    }
}
