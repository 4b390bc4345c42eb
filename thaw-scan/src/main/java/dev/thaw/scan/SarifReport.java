package dev.thaw.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code --format sarif}: a minimal valid SARIF 2.1.0 log, for code-scanning tools. Artifact URIs are source paths
 * relative to a source root ({@code example/Handler.java}), guessed from the package and the SourceFile attribute.
 */
final class SarifReport {

    private static final String RULE_HELP = "A value computed during init (static initialiser, handler constructor or"
            + " code they call) is stored in the SnapStart snapshot and shared by every restored copy: random"
            + " generators and their draws, UUIDs, timestamps, explicitly seeded SecureRandoms. Compute it per"
            + " invocation or in a CRaC afterRestore hook instead.";

    private SarifReport() {
    }

    static String render(ScanReport report) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "thaw scan");
        ObjectNode rule = driver.putArray("rules").addObject();
        rule.put("id", Finding.BUG_CODE);
        rule.put("name", "SnapStartSharedInitValue");
        rule.putObject("shortDescription").put("text", "Init-time unique value shared by every restored copy");
        rule.putObject("fullDescription").put("text", RULE_HELP);
        rule.putObject("help").put("text", RULE_HELP);
        rule.putObject("defaultConfiguration").put("level", "warning");
        ArrayNode results = run.putArray("results");
        for (Finding finding : report.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", Finding.BUG_CODE);
            result.put("ruleIndex", 0);
            result.put("level", "warning");
            result.putObject("message").put("text", finding.value() + " computed during init is stored in "
                    + finding.storedIn() + " (at " + finding.storedAt() + "); every restored copy shares it."
                    + " Init path: " + finding.pathText());
            ObjectNode location = result.putArray("locations").addObject();
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", finding.sourcePath());
            if (finding.line() > 0) {
                physical.putObject("region").put("startLine", finding.line());
            }
            location.putArray("logicalLocations").addObject()
                    .put("fullyQualifiedName", finding.location()).put("kind", "function");
        }
        return JsonReport.write(root);
    }
}
