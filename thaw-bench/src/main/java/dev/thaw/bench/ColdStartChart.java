package dev.thaw.bench;

import java.util.List;
import java.util.Locale;

/**
 * The cold-start comparison at a glance, as SVG: one group of bars per function, one bar per mode, the bar up to
 * p50 with a whisker up to p99 and the p50 written on it, on a logarithmic axis so that tens of milliseconds and
 * seconds both read.
 */
final class ColdStartChart {

    private static final String[] COLORS = {"#d62728", "#ff7f0e", "#2ca02c", "#1f77b4", "#9467bd", "#8c564b"};
    private static final int BAR = 26;
    private static final int GROUP_GAP = 36;
    private static final int LEFT = 70;
    private static final int TOP = 90;
    private static final int PLOT_HEIGHT = 360;
    private static final int BOTTOM_MARGIN = 50;
    private static final int LABEL_CHAR_WIDTH = 6;

    private final StringBuilder svg = new StringBuilder();
    private final double logMin;
    private final double logMax;

    private ColdStartChart(double minMs, double maxMs) {
        this.logMin = Math.floor(Math.log10(minMs));
        this.logMax = Math.ceil(Math.log10(maxMs));
    }

    static String render(List<BenchFunction> functions, ColdStartResults results) {
        double min = results.series().stream().mapToDouble(s -> s.latency().p50()).min().orElse(1);
        double max = results.series().stream().mapToDouble(s -> s.latency().p99()).max().orElse(10);
        ColdStartChart chart = new ColdStartChart(Math.max(min, 1), max);
        chart.draw(functions, results);
        return chart.svg.toString();
    }

    private void draw(List<BenchFunction> functions, ColdStartResults results) {
        ColdStartMode[] modes = ColdStartMode.values();
        int groupWidth = modes.length * BAR + GROUP_GAP;
        int width = LEFT + functions.size() * groupWidth + 20;
        int height = TOP + PLOT_HEIGHT + BOTTOM_MARGIN;
        append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">", width, height, width, height);
        append("<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>");
        append("<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">Thaw cold starts: first-response "
                + "latency (bar p50, whisker p99, log scale)</text>", LEFT);
        legend(modes);
        axis(width);
        for (int g = 0; g < functions.size(); g++) {
            String function = functions.get(g).name();
            int groupX = LEFT + GROUP_GAP / 2 + g * groupWidth;
            for (int m = 0; m < modes.length; m++) {
                int x = groupX + m * BAR;
                String color = COLORS[m % COLORS.length];
                results.series(function, modes[m]).ifPresent(series -> bar(x, color, series.latency()));
            }
            append("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\">%s</text>",
                    groupX + modes.length * BAR / 2, TOP + PLOT_HEIGHT + 20, escape(function));
        }
        append("</svg>");
    }

    private void legend(ColdStartMode[] modes) {
        int x = LEFT;
        int y = 40;
        for (int m = 0; m < modes.length; m++) {
            if (m == 3) {
                x = LEFT;
                y += 18;
            }
            append("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y - 10,
                    COLORS[m % COLORS.length]);
            append("<text x=\"%d\" y=\"%d\">%s</text>", x + 16, y, escape(modes[m].label()));
            x += 220;
        }
    }

    /** Grid lines at 1, 2 and 5 times each power of ten; labels at the powers. */
    private void axis(int width) {
        for (int power = (int) logMin; power < logMax; power++) {
            for (int factor : new int[] {1, 2, 5}) {
                double value = factor * Math.pow(10, power);
                int y = y(value);
                append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>", LEFT, y, width - 20, y,
                        factor == 1 ? "#bbbbbb" : "#eeeeee");
                append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555555\">%s</text>", LEFT - 6, y + 4,
                        label(value));
            }
        }
        int top = y(Math.pow(10, logMax));
        append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbbbbb\"/>", LEFT, top, width - 20, top);
        append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555555\">%s</text>", LEFT - 6, top + 4,
                label(Math.pow(10, logMax)));
        append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>", LEFT, TOP, LEFT, TOP + PLOT_HEIGHT);
    }

    private void bar(int x, String color, LatencyStats latency) {
        int bottom = TOP + PLOT_HEIGHT;
        int top = y(latency.p50());
        int whiskerTop = y(latency.p99());
        int center = x + BAR / 2;
        append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>p50 %.1f ms, p90 %.1f ms, "
                        + "p99 %.1f ms</title></rect>", x + 2, top, BAR - 4, bottom - top, color, latency.p50(),
                latency.p90(), latency.p99());
        append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>", center, top, center, whiskerTop);
        append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>", center - 5, whiskerTop, center + 5,
                whiskerTop);
        // Upright, so that labels of neighbouring bars never collide: inside the bar when it is tall enough,
        // otherwise above the whisker.
        String label = label(latency.p50());
        boolean inside = bottom - top > label.length() * LABEL_CHAR_WIDTH + 8;
        append("<text transform=\"translate(%d %d) rotate(-90)\" fill=\"%s\" font-size=\"10\">%s</text>",
                center + 4, inside ? bottom - 4 : whiskerTop - 4, inside ? "white" : "black", label);
    }

    private int y(double millis) {
        double fraction = (Math.log10(Math.max(millis, Math.pow(10, logMin))) - logMin) / (logMax - logMin);
        return (int) Math.round(TOP + PLOT_HEIGHT - fraction * PLOT_HEIGHT);
    }

    private static String label(double millis) {
        double seconds = millis / 1000;
        if (seconds >= 10) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds >= 1) {
            return String.format(Locale.ROOT, "%.1f s", seconds).replace(".0 s", " s");
        }
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void append(String format, Object... args) {
        svg.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
