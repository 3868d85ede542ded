package io.github.dlnkit.plot;

/**
 * Options shared by the {@link Charts} calls; every field left unset takes the chart's own default (listed on each
 * chart method). Build with {@code ChartOptions.builder().title("...").logY(false).build()}.
 *
 * @param title  chart title (null: chart default)
 * @param xLabel x-axis title (null: chart default)
 * @param yLabel y-axis title (null: chart default)
 * @param logX   logarithmic x axis (null: chart default)
 * @param logY   logarithmic y axis (null: chart default)
 * @param alpha  line opacity for overlaid runs, in (0, 1] (null: chart default)
 * @param bins   histogram bins / iso-level bands (null: chart default)
 * @param valueLabel the quantity a colour key shows, e.g. "L(W + s d1 + t d2)" (null: chart default, "L")
 * @param style  size, fonts, colours
 */
public record ChartOptions(String title, String xLabel, String yLabel, Boolean logX, Boolean logY, Double alpha,
                           Integer bins, String valueLabel, ChartStyle style) {
    public ChartOptions {
        if (alpha != null && !(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("chart alpha = " + alpha + ", expected in (0, 1]");
        }
        if (bins != null && bins < 2) {
            throw new IllegalArgumentException("chart bins = " + bins + ", expected >= 2");
        }
        if (style == null) {
            style = ChartStyle.defaults();
        }
    }

    /** Every chart default. */
    public static ChartOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.title = title;
        b.xLabel = xLabel;
        b.yLabel = yLabel;
        b.logX = logX;
        b.logY = logY;
        b.alpha = alpha;
        b.bins = bins;
        b.valueLabel = valueLabel;
        b.style = style;
        return b;
    }

    /** The same options with another title. */
    public ChartOptions withTitle(String t) {
        return toBuilder().title(t).build();
    }

    String titleOr(String d) {
        return title == null ? d : title;
    }

    String xLabelOr(String d) {
        return xLabel == null ? d : xLabel;
    }

    String yLabelOr(String d) {
        return yLabel == null ? d : yLabel;
    }

    boolean logXOr(boolean d) {
        return logX == null ? d : logX;
    }

    boolean logYOr(boolean d) {
        return logY == null ? d : logY;
    }

    double alphaOr(double d) {
        return alpha == null ? d : alpha;
    }

    int binsOr(int d) {
        return bins == null ? d : bins;
    }

    String valueLabelOr(String d) {
        return valueLabel == null ? d : valueLabel;
    }

    /** Builder; all fields optional. */
    public static final class Builder {
        private String title;
        private String xLabel;
        private String yLabel;
        private Boolean logX;
        private Boolean logY;
        private Double alpha;
        private Integer bins;
        private String valueLabel;
        private ChartStyle style;

        public Builder title(String v) {
            title = v;
            return this;
        }

        public Builder xLabel(String v) {
            xLabel = v;
            return this;
        }

        public Builder yLabel(String v) {
            yLabel = v;
            return this;
        }

        public Builder logX(boolean v) {
            logX = v;
            return this;
        }

        public Builder logY(boolean v) {
            logY = v;
            return this;
        }

        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        public Builder bins(int v) {
            bins = v;
            return this;
        }

        /** The quantity a colour key shows. */
        public Builder valueLabel(String v) {
            valueLabel = v;
            return this;
        }

        public Builder style(ChartStyle v) {
            style = v;
            return this;
        }

        /** Shortcut for {@code style(ChartStyle.defaults().withSize(w, h))}. */
        public Builder size(int w, int h) {
            style = (style == null ? ChartStyle.defaults() : style).withSize(w, h);
            return this;
        }

        public ChartOptions build() {
            return new ChartOptions(title, xLabel, yLabel, logX, logY, alpha, bins, valueLabel, style);
        }
    }
}
