package dev.thaw.scan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output formats of {@code thaw scan}. */
public enum ReportFormat {
    TEXT, JSON, SARIF;

    public String render(ScanReport report) {
        return switch (this) {
            case TEXT -> TextReport.render(report);
            case JSON -> JsonReport.render(report);
            case SARIF -> SarifReport.render(report);
        };
    }

    /** Case-insensitive: {@code text}, {@code json}, {@code sarif}. */
    public static ReportFormat parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "', expected one of "
                    + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
    }
}
