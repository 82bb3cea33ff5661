package dev.imagedrift.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reference-vs-current distribution of one property: two overlaid histograms on shared bins, each
 * side as the share of its own images per bin, so sides of different sizes compare. The x range
 * is the pooled 0.5%..99.5% quantiles; values outside fall into the edge bins.
 */
final class DistributionPlotSvg {
    static final String REFERENCE_COLOUR = "#3566b0";
    static final String CURRENT_COLOUR = "#e07b29";

    private static final int WIDTH = 360;
    private static final int HEIGHT = 220;
    private static final int LEFT = 40;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 38;
    private static final double TAIL = 0.005;

    private DistributionPlotSvg() {}

    /** The plot, or a short note when neither side has a value. */
    static String render(String property, double[] reference, double[] current) {
        double[] ref = finite(reference);
        double[] cur = finite(current);
        if (ref.length == 0 && cur.length == 0) {
            return "<p class=\"note\">No values on either side (for example, all images grayscale).</p>";
        }
        double[] pooled = concat(ref, cur);
        Arrays.sort(pooled);
        double lo = quantile(pooled, TAIL);
        double hi = quantile(pooled, 1 - TAIL);
        if (!(hi > lo)) {
            double pad = Math.max(Math.abs(lo) * 0.05, 0.5);
            lo -= pad;
            hi += pad;
        }
        int bins = Math.max(8, Math.min(30, (int) Math.ceil(Math.sqrt(Math.max(ref.length, cur.length)))));
        double[] refShare = shares(ref, lo, hi, bins);
        double[] curShare = shares(cur, lo, hi, bins);
        double yMax = 0;
        for (int b = 0; b < bins; b++) {
            yMax = Math.max(yMax, Math.max(refShare[b], curShare[b]));
        }
        yMax = Math.max(yMax * 1.1, 1e-9);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"dist\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s:"
                + " distribution of reference and current images\">", WIDTH, HEIGHT, Html.escape(property)));
        yAxis(svg, yMax);
        xAxis(svg, lo, hi);
        bars(svg, refShare, yMax, REFERENCE_COLOUR);
        bars(svg, curShare, yMax, CURRENT_COLOUR);
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>",
                LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append("</svg>");
        return svg.toString();
    }

    private static void yAxis(StringBuilder svg, double yMax) {
        double step = AxisTicks.step(0, yMax, 4);
        for (double v : AxisTicks.ticks(0, yMax, step)) {
            double y = y(v, yMax);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e3e5e8\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s%%</text>",
                    LEFT, y, WIDTH - RIGHT, y, LEFT - 5, y + 4, AxisTicks.label(v * 100, step * 100)));
        }
    }

    private static void xAxis(StringBuilder svg, double lo, double hi) {
        double step = AxisTicks.step(lo, hi, 5);
        List<Double> ticks = AxisTicks.ticks(lo, hi, step);
        for (double v : ticks) {
            double x = x(v, lo, hi);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                    x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 5, x, HEIGHT - BOTTOM + 18, AxisTicks.label(v, step)));
        }
    }

    /** One side as translucent bars with a step outline on top. */
    private static void bars(StringBuilder svg, double[] share, double yMax, String colour) {
        int bins = share.length;
        double bw = (WIDTH - LEFT - RIGHT) / (double) bins;
        StringBuilder outline = new StringBuilder();
        double base = HEIGHT - BOTTOM;
        outline.append(String.format(Locale.ROOT, "M%.1f %.1f", (double) LEFT, base));
        for (int b = 0; b < bins; b++) {
            double x0 = LEFT + b * bw;
            double y = y(share[b], yMax);
            if (share[b] > 0) {
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.30\"/>",
                        x0, y, bw, base - y, colour));
            }
            outline.append(String.format(Locale.ROOT, " L%.1f %.1f L%.1f %.1f", x0, y, x0 + bw, y));
        }
        outline.append(String.format(Locale.ROOT, " L%.1f %.1f", (double) WIDTH - RIGHT, base));
        svg.append("<path d=\"").append(outline).append("\" fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"2\" stroke-linejoin=\"round\"/>");
    }

    private static double x(double v, double lo, double hi) {
        return LEFT + (v - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double share, double yMax) {
        return HEIGHT - BOTTOM - share / yMax * (HEIGHT - TOP - BOTTOM);
    }

    static double[] shares(double[] values, double lo, double hi, int bins) {
        double[] share = new double[bins];
        if (values.length == 0) {
            return share;
        }
        for (double v : values) {
            int b = (int) Math.floor((v - lo) / (hi - lo) * bins);
            share[Math.max(0, Math.min(bins - 1, b))] += 1.0 / values.length;
        }
        return share;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    private static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
