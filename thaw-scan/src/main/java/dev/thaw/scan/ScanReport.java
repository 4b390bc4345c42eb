package dev.thaw.scan;

import java.util.List;

/**
 * The result of scanning one package.
 *
 * @param target       the scanned jar, zip or directory
 * @param handlers     the handler classes whose init was analysed, Java spelling
 * @param classes      how many of the function's own classes were read
 * @param initMethods  how many methods init reaches
 * @param findings     what init stores that every restored copy would share, sorted by class and line
 * @param warnings     what could not be read or analysed (the scan went on without it)
 */
public record ScanReport(String target, List<String> handlers, int classes, int initMethods, List<Finding> findings,
                         List<String> warnings) {

    public ScanReport {
        handlers = List.copyOf(handlers);
        findings = List.copyOf(findings);
        warnings = List.copyOf(warnings);
    }

    public boolean hasFindings() {
        return !findings.isEmpty();
    }
}
