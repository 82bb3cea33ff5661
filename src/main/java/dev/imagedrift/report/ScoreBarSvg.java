package dev.imagedrift.report;

import java.util.Locale;

/**
 * The drift score on a horizontal 0..1 bar with the reference check's bands at 0.1, 0.2 and 0.3,
 * the threshold marked, and the score's 95% interval (from the AUC's) as a whisker.
 */
final class ScoreBarSvg {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 96;
    private static final int LEFT = 20;
    private static final int RIGHT = 20;
    private static final int BAR_TOP = 34;
    private static final int BAR_HEIGHT = 26;
    private static final double[] BAND_EDGES = {0, 0.1, 0.2, 0.3, 1.0};
    private static final String[] BAND_COLOURS = {"#dcefdc", "#fbf1c7", "#fbdcb8", "#f6c6c2"};
    private static final String[] BAND_NAMES = {"below 0.1", "0.1 to 0.2", "0.2 to 0.3", "0.3 and above"};

    private ScoreBarSvg() {}

    /**
     * @param score      the drift score (NaN when not computed)
     * @param scoreLow   lower end of its 95% interval, or NaN
     * @param scoreHigh  upper end, or NaN
     * @param threshold  the threshold in force
     * @param colour     fill of the score bar (the verdict's colour)
     */
    static String render(double score, double scoreLow, double scoreHigh, double threshold, String colour) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg class=\"scorebar\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"drift score %s on a 0 to 1 scale,"
                        + " threshold %s\">", WIDTH, HEIGHT, Numbers.fixed(score, 3), Numbers.fixed(threshold, 3)));
        for (int i = 0; i < BAND_COLOURS.length; i++) {
            double x0 = x(BAND_EDGES[i]);
            double x1 = x(BAND_EDGES[i + 1]);
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>",
                    x0, BAR_TOP, x1 - x0, BAR_HEIGHT, BAND_COLOURS[i], BAND_NAMES[i]));
        }
        for (int t = 0; t <= 10; t++) {
            double v = t / 10.0;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#8a8f98\" stroke-width=\"1\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                    x(v), BAR_TOP + BAR_HEIGHT, x(v), BAR_TOP + BAR_HEIGHT + 5, x(v), BAR_TOP + BAR_HEIGHT + 20,
                    AxisTicks.label(v, 0.1)));
        }
        if (Double.isFinite(score)) {
            double s = Math.max(0, Math.min(1, score));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\" fill=\"%s\"/>",
                    LEFT, BAR_TOP + 7, Math.max(2, x(s) - LEFT), BAR_HEIGHT - 14, colour));
            if (Double.isFinite(scoreLow) && Double.isFinite(scoreHigh)) {
                double lo = x(Math.max(0, scoreLow));
                double hi = x(Math.min(1, scoreHigh));
                double y = BAR_TOP + BAR_HEIGHT / 2.0;
                svg.append(String.format(Locale.ROOT,
                        "<g stroke=\"#222\" stroke-width=\"2\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                                + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                                + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>",
                        lo, y, hi, y, lo, y - 6, lo, y + 6, hi, y - 6, hi, y + 6));
            }
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" class=\"score-label\" text-anchor=\"%s\">score %s</text>",
                    x(s), BAR_TOP - 8, s > 0.85 ? "end" : "start", Numbers.fixed(score, 3)));
        } else {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" class=\"score-label\">score not computed</text>", LEFT, BAR_TOP - 8));
        }
        double t = x(Math.max(0, Math.min(1, threshold)));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1f2430\" stroke-width=\"2.5\""
                        + " stroke-dasharray=\"5 3\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" class=\"threshold-label\" text-anchor=\"middle\">threshold %s</text>",
                t, BAR_TOP - 4, t, BAR_TOP + BAR_HEIGHT + 4, t, HEIGHT - 2, Numbers.fixed(threshold, 2)));
        svg.append("</svg>");
        return svg.toString();
    }

    private static double x(double v) {
        return LEFT + v * (WIDTH - LEFT - RIGHT);
    }
}
