package dev.imagedrift.report;

import dev.imagedrift.detect.Exemplar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {
    @TempDir
    Path dir;

    private static final Pattern DATA_URI = Pattern.compile("src=\"data:image/jpeg;base64,([A-Za-z0-9+/=]+)\"");

    private Path image(String relative, int w, int h, Color color) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void showsTheScoreOnABandedBarWithTheThreshold() {
        String html = HtmlReport.render(ReportFixtures.report(ReportFixtures.drift(List.of(), List.of())));
        for (String band : List.of("below 0.1", "0.1 to 0.2", "0.2 to 0.3", "0.3 and above")) {
            assertTrue(html.contains("<title>" + band + "</title>"), band);
        }
        assertTrue(html.contains(">threshold 0.10</text>"));
        assertTrue(html.contains(">score 0.712</text>"));
        assertTrue(html.contains("aria-label=\"drift score 0.712 on a 0 to 1 scale, threshold 0.100\""));
        assertTrue(html.contains("<div class=\"badge\">DRIFT</div>"));
        assertTrue(html.contains("Condition <strong>failed</strong>"));
        assertTrue(html.contains("2.1e-41") && html.contains("0.856") && html.contains("0.820 &ndash; 0.890"));
    }

    @Test
    void plotsTheTopThreePropertiesByImportance() {
        String html = HtmlReport.render(ReportFixtures.report(ReportFixtures.drift(List.of(), List.of())));
        assertEquals(3, count(html, "<svg class=\"dist\""));
        int brightness = html.indexOf("aria-label=\"Brightness: distribution");
        int contrast = html.indexOf("aria-label=\"RMS Contrast: distribution");
        int blue = html.indexOf("aria-label=\"Mean Blue Relative Intensity: distribution");
        assertTrue(brightness > 0 && contrast > brightness && blue > contrast, "top 3 in importance order");
        assertTrue(html.contains("No value (grayscale or not applicable): 100 of 400 reference, 37 of 150 current."));
        assertFalse(html.contains("NaN"), "no NaN reaches the page");
    }

    @Test
    void embedsThumbnailsOfExemplarsAndNamesMissingOnes() throws Exception {
        image("prod/cam1/big.png", 800, 400, Color.ORANGE);
        image("train/a.png", 60, 90, Color.BLUE);
        ReportSide reference = ReportFixtures.side("/data/train", ReportFixtures.samples("train", 40, 110, 1),
                ThumbnailSource.directory(dir.resolve("train")));
        ReportSide current = ReportFixtures.side("/data/prod", ReportFixtures.samples("prod", 40, 160, 2),
                ThumbnailSource.directory(dir.resolve("prod")));
        CheckReport report = new CheckReport(ReportFixtures.drift(
                List.of(new Exemplar("cam1/big.png", 0.97), new Exemplar("cam1/deleted.png", 0.95)),
                List.of(new Exemplar("a.png", 0.02))), reference, current, ReportFixtures.GENERATED);

        String html = HtmlReport.render(report);

        Matcher m = DATA_URI.matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertTrue(thumb.getWidth() <= HtmlReport.THUMBNAIL_SIZE && thumb.getHeight() <= HtmlReport.THUMBNAIL_SIZE,
                    thumb.getWidth() + "x" + thumb.getHeight());
            images++;
        }
        assertEquals(2, images, "big.png and a.png are on disk");
        assertTrue(html.contains("image file not available"));
        assertTrue(html.contains(">cam1/deleted.png</span>"), "a missing file still shows its id");
        assertTrue(html.contains("alt=\"cam1/big.png\""));
    }

    @Test
    void escapesEveryTextFromTheInputs() {
        String hostile = "<script>alert('x')</script>&\"";
        ReportSide side = new ReportSide("/data/" + hostile, ReportFixtures.samples("p", 40, 100, 3), 40,
                java.util.Map.of(), null, ThumbnailSource.none());
        CheckReport report = new CheckReport(ReportFixtures.drift(List.of(new Exemplar(hostile + ".jpg", 0.9)),
                List.of()), side, side, ReportFixtures.GENERATED);
        String html = HtmlReport.render(report);
        assertFalse(html.contains("<script"), "no raw script tag");
        assertFalse(html.toLowerCase().contains("alert('x')"), "quotes escaped too");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));
    }

    @Test
    void isSelfContained() {
        String html = HtmlReport.render(ReportFixtures.report(ReportFixtures.drift(List.of(), List.of())));
        assertFalse(html.contains("http://") || html.contains("https://"), "no external resources");
        assertFalse(html.contains("<script"), "no scripts");
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(count(html, "<section"), count(html, "</section>"));
        assertEquals(count(html, "<svg"), count(html, "</svg>"));
        assertEquals(count(html, "<div"), count(html, "</div>"));
    }

    @Test
    void rendersNotEnoughDataWithoutNumbers() {
        String html = HtmlReport.render(ReportFixtures.report(ReportFixtures.insufficient()));
        assertTrue(html.contains("<div class=\"badge\">NOT ENOUGH DATA</div>"));
        assertTrue(html.contains("score not computed"));
        assertTrue(html.contains("Condition <strong>passed</strong>"));
        assertFalse(html.contains("NaN"));
        assertEquals(0, count(html, "<svg class=\"dist\""), "no importance and no KS: nothing to plot");
    }

    @Test
    void writesAFile() throws Exception {
        Path file = dir.resolve("report.html");
        HtmlReport.write(ReportFixtures.report(ReportFixtures.referenceCheckOk()), file);
        String html = Files.readString(file);
        assertTrue(html.contains("<div class=\"badge\">NO DRIFT</div>"));
        assertTrue(html.contains("not computed in this mode"));
    }
}
