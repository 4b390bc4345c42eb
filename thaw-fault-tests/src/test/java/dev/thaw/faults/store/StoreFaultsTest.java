package dev.thaw.faults.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.faults.FaultReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The store's own fault tests (Redis stopped or slow, S3 stopped, corrupt chunks), counted into the report from the
 * results they left in this build: a case that failed there fails here too; one that did not run is said so.
 */
class StoreFaultsTest {

    private static final Path ROOT = Path.of(System.getProperty("thaw.faults.build-root", ".."));
    private static final List<String> SUITES = List.of(
            "thaw-store/dev.thaw.store.RedisOutageTest", "thaw-store/dev.thaw.store.S3OutageTest",
            "thaw-store/dev.thaw.store.CorruptionTest", "thaw-integration-tests/dev.thaw.it.SnapshotStoreTest");

    /** One test case's result, as surefire wrote it. */
    private record CaseResult(String suite, String name, String outcome) {
        boolean failed() {
            return outcome.equals("failed");
        }
    }

    @Test
    void theStoreFaultCasesOfThisBuildPassed() throws Exception {
        List<CaseResult> results = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (String suite : SUITES) {
            String[] moduleAndClass = suite.split("/");
            Path report = ROOT.resolve(moduleAndClass[0]).resolve("target/surefire-reports")
                    .resolve("TEST-" + moduleAndClass[1] + ".xml");
            if (Files.isRegularFile(report)) {
                results.addAll(read(report, moduleAndClass[1]));
            } else {
                notRun.add(moduleAndClass[1]);
            }
        }
        long passed = results.stream().filter(r -> r.outcome().equals("passed")).count();
        List<CaseResult> failed = results.stream().filter(CaseResult::failed).toList();
        FaultReport.Section section = FaultReport.Section.of("store faults", "none (fixed cases)")
                .figure("cases", results.size()).figure("passed", passed).figure("failed", failed.size())
                .figure("skipped", results.size() - passed - failed.size())
                .figure("suites not run in this build", notRun.isEmpty() ? "none" : String.join(", ", notRun));
        results.forEach(r -> section.finding(r.suite() + "#" + r.name() + ": " + r.outcome()));
        FaultReport.write(section);
        assertEquals(List.of(), failed);
    }

    private static List<CaseResult> read(Path report, String suite) throws Exception {
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                .getElementsByTagName("testcase");
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            String outcome = has(testCase, "failure") || has(testCase, "error") ? "failed"
                    : has(testCase, "skipped") ? "skipped" : "passed";
            results.add(new CaseResult(suite.substring(suite.lastIndexOf('.') + 1), testCase.getAttribute("name"),
                    outcome));
        }
        return results;
    }

    private static boolean has(Element testCase, String child) {
        return testCase.getElementsByTagName(child).getLength() > 0;
    }
}
