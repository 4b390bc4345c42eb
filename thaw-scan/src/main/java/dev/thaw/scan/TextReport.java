package dev.thaw.scan;

/** The human-readable report: one block per finding, then a summary line and advice. */
final class TextReport {

    private TextReport() {
    }

    static String render(ScanReport report) {
        StringBuilder out = new StringBuilder();
        out.append("thaw scan ").append(report.target()).append('\n');
        out.append("handler: ").append(String.join(", ", report.handlers())).append(" (")
                .append(report.initMethods()).append(" init methods in ").append(report.classes())
                .append(" classes)\n");
        for (Finding finding : report.findings()) {
            out.append('\n').append(finding.bugCode()).append(' ').append(finding.location())
                    .append(" line ").append(finding.line()).append(" (").append(finding.sourcePath()).append(")\n");
            out.append("  value:     ").append(finding.value()).append('\n');
            out.append("  stored in: ").append(finding.storedIn()).append(" (at ").append(finding.storedAt())
                    .append(")\n");
            out.append("  path:      ").append(finding.pathText()).append('\n');
        }
        for (String warning : report.warnings()) {
            out.append("\nwarning: ").append(warning).append('\n');
        }
        int count = report.findings().size();
        out.append('\n').append(count == 0 ? "no findings" : count + (count == 1 ? " finding" : " findings"));
        if (count > 0) {
            out.append(": values computed during init are in the snapshot, the same in every restored copy;\n"
                    + "compute them per invocation or in a CRaC afterRestore hook instead");
        }
        return out.append('\n').toString();
    }
}
