package dev.thaw.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/** {@code --format json}: the report as one JSON object, findings with every field of {@link Finding}. */
final class JsonReport {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {
    }

    static String render(ScanReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("target", report.target());
        root.set("handlers", MAPPER.valueToTree(report.handlers()));
        root.put("classes", report.classes());
        root.put("initMethods", report.initMethods());
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("bugCode", finding.bugCode());
            node.put("class", finding.className());
            node.put("method", finding.method());
            node.put("descriptor", finding.descriptor());
            node.put("sourceFile", finding.sourcePath());
            node.put("line", finding.line());
            node.put("value", finding.value());
            node.put("category", finding.category().name());
            node.put("storedIn", finding.storedIn());
            node.put("storedAt", finding.storedAt());
            node.set("path", MAPPER.valueToTree(finding.path()));
            node.put("message", finding.message());
        }
        root.set("warnings", MAPPER.valueToTree(report.warnings()));
        return write(root);
    }

    static String write(ObjectNode root) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
