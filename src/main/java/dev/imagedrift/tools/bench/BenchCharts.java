package dev.imagedrift.tools.bench;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;

/** Line plots of the benchmark curves, as PNG files (JFreeChart, drawn headless). */
final class BenchCharts {
    private static final Color[] COLORS = {new Color(0x1f, 0x77, 0xb4), new Color(0xe0, 0x6c, 0x00),
            new Color(0x2c, 0xa0, 0x2c), new Color(0x88, 0x88, 0x88), new Color(0xb3, 0x26, 0x1e)};
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 13);

    /** One line: measured points (marked) or a model (dashed, no marks). */
    record Line(String name, double[] x, double[] y, boolean model) {}

    /** An axis: its label, and whether it is logarithmic. */
    record Axis(String label, boolean log) {}

    private BenchCharts() {}

    static JFreeChart chart(String title, String subtitle, Axis x, Axis y, List<Line> lines) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            XYSeries s = new XYSeries(line.name(), false, true);
            for (int j = 0; j < line.x().length; j++) {
                s.add(line.x()[j], line.y()[j]);
            }
            data.addSeries(s);
            Color c = COLORS[i % COLORS.length];
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesShapesVisible(i, !line.model());
            renderer.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
            renderer.setSeriesStroke(i, line.model()
                    ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0)
                    : new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, axis(x), axis(y), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null) {
            chart.addSubtitle(new TextTitle(subtitle, new Font("SansSerif", Font.PLAIN, 11)));
        }
        return chart;
    }

    private static ValueAxis axis(Axis a) {
        if (a.log()) {
            // Decades labelled 1, 10, 100, ... with unlabelled ticks between.
            LogarithmicAxis log = new LogarithmicAxis(a.label());
            log.setStrictValuesFlag(false);
            log.setExpTickLabelsFlag(false);
            log.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
            return log;
        }
        NumberAxis linear = new NumberAxis(a.label());
        linear.setAutoRangeIncludesZero(true);
        return linear;
    }

    /** Draws the charts side by side into one PNG. */
    static void write(Path file, int tileWidth, int tileHeight, JFreeChart... charts) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        BufferedImage image = new BufferedImage(charts.length * tileWidth, tileHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.length; i++) {
                charts[i].draw(g, new Rectangle2D.Double(i * tileWidth, 0, tileWidth, tileHeight));
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer for " + file);
    }
}
