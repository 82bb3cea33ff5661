package dev.imagedrift.tools.evaluation;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The evaluation's plots, as PNG files (JFreeChart, drawn headless). */
public final class EvaluationCharts {
    static final String FALSE_ALARMS = "false-alarms.png";
    static final String FALSE_ALARMS_CALIBRATED = "false-alarms-calibrated.png";
    static final String POWER = "power-curves.png";
    static final String P_VALUES = "null-p-values.png";

    private static final Color CALIBRATED = new Color(0x1f, 0x77, 0xb4);
    private static final Color REFERENCE = new Color(0xe0, 0x6c, 0x00);
    private static final Color NULL_RATE = new Color(0x88, 0x88, 0x88);
    private static final Color ALPHA_LINE = new Color(0xb3, 0x26, 0x1e);
    private static final Font TITLE = new Font("SansSerif", Font.BOLD, 14);
    private static final Font TILE_TITLE = new Font("SansSerif", Font.BOLD, 12);

    private EvaluationCharts() {}

    /** Writes every plot into {@code dir}; returns the file names written. */
    public static List<String> writeAll(EvaluationResults results, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        write(falseAlarms(results), 900, 480, dir.resolve(FALSE_ALARMS));
        write(calibratedFalseAlarms(results), 900, 420, dir.resolve(FALSE_ALARMS_CALIBRATED));
        List<JFreeChart> power = new ArrayList<>();
        for (Scenario s : results.driftScenarios()) power.add(power(results, s));
        writeGrid(power, 2, 460, 300, dir.resolve(POWER));
        List<JFreeChart> histograms = new ArrayList<>();
        for (int size : results.sizes()) histograms.add(pValueHistogram(results, size));
        writeGrid(histograms, 3, 320, 240, dir.resolve(P_VALUES));
        return List.of(FALSE_ALARMS, FALSE_ALARMS_CALIBRATED, POWER, P_VALUES);
    }

    /** Both rules' no-drift alarm rates per window size, with the alpha line. */
    static JFreeChart falseAlarms(EvaluationResults results) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int size : results.sizes()) {
            CellResult cell = results.noDrift(size);
            data.addValue(cell.alarms(Rule.CALIBRATED).rate(), "calibrated rule", sizeLabel(size));
            data.addValue(cell.alarms(Rule.REFERENCE_CHECK).rate(), "reference check's rule", sizeLabel(size));
        }
        JFreeChart chart = ChartFactory.createBarChart("False alarms with no drift (share of windows called DRIFT)",
                "images per side", "false-alarm rate", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart, TITLE);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, CALIBRATED);
        renderer.setSeriesPaint(1, REFERENCE);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.0%")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setNumberFormatOverride(new DecimalFormat("0%"));
        range.setUpperMargin(0.12);
        ValueMarker alpha = alphaMarker(results.plan().alpha());
        alpha.setLabel(null); // said in the subtitle: a label on the line would collide with the bar labels
        plot.addRangeMarker(alpha);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "dashed line: alpha = %s, the calibrated rule's "
                + "configured false-alarm level", new DecimalFormat("0.###").format(results.plan().alpha())),
                new Font("SansSerif", Font.PLAIN, 11)));
        CategoryAxis domain = plot.getDomainAxis();
        domain.setCategoryMargin(0.25);
        return chart;
    }

    /** The calibrated rule alone, with Wilson 95% intervals, on a scale where alpha is visible. */
    static JFreeChart calibratedFalseAlarms(EvaluationResults results) {
        YIntervalSeries series = new YIntervalSeries("calibrated rule (95% interval)");
        double top = 3 * results.plan().alpha();
        for (int i = 0; i < results.sizes().size(); i++) {
            Proportion p = results.noDrift(results.sizes().get(i)).alarms(Rule.CALIBRATED);
            series.add(i, p.rate(), p.lower(), p.upper());
            top = Math.max(top, p.upper() * 1.1);
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);
        SymbolAxis x = sizeAxis(results);
        NumberAxis y = new NumberAxis("false-alarm rate");
        y.setRange(0, top);
        y.setNumberFormatOverride(new DecimalFormat("0.0%"));
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setSeriesPaint(0, CALIBRATED);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setSeriesLinesVisible(0, false);
        renderer.setErrorPaint(CALIBRATED);
        renderer.setErrorStroke(new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.addRangeMarker(alphaMarker(results.plan().alpha()));
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT,
                "Calibrated rule: false alarms with no drift (%,d windows per size)", results.plan().nullTrials()),
                TITLE, plot, true);
        style(chart, TITLE);
        return chart;
    }

    /** Power of both rules against window size for one scenario, with the reference rule's no-drift rate. */
    static JFreeChart power(EvaluationResults results, Scenario scenario) {
        XYSeries calibrated = new XYSeries("calibrated");
        XYSeries reference = new XYSeries("reference check");
        XYSeries referenceNull = new XYSeries("reference check, no drift");
        for (int i = 0; i < results.sizes().size(); i++) {
            int size = results.sizes().get(i);
            CellResult cell = results.cell(scenario, size);
            calibrated.add(i, cell.alarms(Rule.CALIBRATED).rate());
            reference.add(i, cell.alarms(Rule.REFERENCE_CHECK).rate());
            referenceNull.add(i, results.noDrift(size).alarms(Rule.REFERENCE_CHECK).rate());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(calibrated);
        data.addSeries(reference);
        data.addSeries(referenceNull);
        NumberAxis y = new NumberAxis("share of windows called DRIFT");
        y.setRange(0, 1.04);
        y.setTickUnit(new NumberTickUnit(0.25));
        y.setNumberFormatOverride(new DecimalFormat("0%"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, CALIBRATED);
        renderer.setSeriesPaint(1, REFERENCE);
        renderer.setSeriesPaint(2, NULL_RATE);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        renderer.setSeriesStroke(2, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {5f, 4f}, 0f));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        renderer.setSeriesShape(1, new Rectangle2D.Double(-3, -3, 6, 6));
        renderer.setSeriesShapesVisible(2, false);
        XYPlot plot = new XYPlot(data, sizeAxis(results), y, renderer);
        JFreeChart chart = new JFreeChart(scenario.label(), TILE_TITLE, plot, true);
        style(chart, TILE_TITLE);
        return chart;
    }

    /** The calibrated rule's p-values over the no-drift windows of one size (uniform if calibrated). */
    static JFreeChart pValueHistogram(EvaluationResults results, int size) {
        double[] p = results.noDrift(size).pValues();
        int bins = 20;
        HistogramDataset data = new HistogramDataset();
        data.addSeries("p-values", p, bins, 0.0, 1.0);
        NumberAxis x = new NumberAxis("p-value");
        x.setRange(0, 1);
        NumberAxis y = new NumberAxis("windows");
        XYBarRenderer renderer = new XYBarRenderer(0.05);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, CALIBRATED);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        ValueMarker expected = new ValueMarker((double) p.length / bins, ALPHA_LINE, new BasicStroke(1.5f));
        expected.setLabel("uniform");
        expected.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        expected.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        expected.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(expected);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "%,d per side, no drift", size), TILE_TITLE, plot,
                false);
        style(chart, TILE_TITLE);
        return chart;
    }

    private static ValueMarker alphaMarker(double alpha) {
        ValueMarker marker = new ValueMarker(alpha, ALPHA_LINE, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        marker.setLabel(String.format(Locale.ROOT, "alpha = %s", new DecimalFormat("0.###").format(alpha)));
        marker.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
        marker.setLabelPaint(ALPHA_LINE);
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return marker;
    }

    /**
     * Window sizes at evenly spaced positions (x = the size's index), labelled with the size: the
     * sizes grow roughly geometrically, so this reads like a log scale with exact tick labels.
     */
    private static SymbolAxis sizeAxis(EvaluationResults results) {
        List<Integer> sizes = results.sizes();
        String[] labels = new String[sizes.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = sizeLabel(sizes.get(i));
        SymbolAxis x = new SymbolAxis("images per side", labels);
        x.setGridBandsVisible(false);
        x.setRange(-0.3, sizes.size() - 0.7);
        return x;
    }

    private static String sizeLabel(int size) {
        return String.format(Locale.ROOT, "%,d", size);
    }

    private static void style(JFreeChart chart, Font titleFont) {
        chart.setBackgroundPaint(Color.WHITE);
        TextTitle title = chart.getTitle();
        if (title != null) title.setFont(titleFont);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setBackgroundPaint(Color.WHITE);
            xy.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
            xy.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        } else if (chart.getPlot() instanceof CategoryPlot cat) {
            cat.setBackgroundPaint(Color.WHITE);
            cat.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        }
    }

    private static void write(JFreeChart chart, int width, int height, Path file) throws IOException {
        writeGrid(List.of(chart), 1, width, height, file);
    }

    /** Draws the charts as tiles of one image, {@code columns} to a row. */
    private static void writeGrid(List<JFreeChart> charts, int columns, int tileWidth, int tileHeight, Path file)
            throws IOException {
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage image = new BufferedImage(columns * tileWidth, rows * tileHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                Rectangle2D tile = new Rectangle2D.Double((i % columns) * tileWidth, (i / columns) * tileHeight,
                        tileWidth, tileHeight);
                charts.get(i).draw(g, tile);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer for " + file);
    }
}
