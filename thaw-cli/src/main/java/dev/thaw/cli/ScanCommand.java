package dev.thaw.cli;

import dev.thaw.scan.ReportFormat;
import dev.thaw.scan.ScanException;
import dev.thaw.scan.ScanReport;
import dev.thaw.scan.SnapStartScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code thaw scan <package>}: finds values init computes that every restored SnapStart copy would share. Exit
 * status 0 without findings, 1 with findings, 2 when the package cannot be scanned (picocli's usage errors are 2 too).
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Find init-time random values, UUIDs and timestamps that every restored SnapStart copy "
                + "would share (exit 0: none, 1: findings, 2: error).")
final class ScanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "A jar, a Lambda zip or a directory of classes.")
    Path target;

    @Option(names = "--handler", paramLabel = "Class::method",
            description = "A handler, own or a framework adapter's; repeat it for several (default: every class "
                    + "implementing RequestHandler, RequestStreamHandler or Function, or a container configuration).")
    List<String> handlers = new ArrayList<>();

    @Option(names = "--format", paramLabel = "text|json|sarif", converter = FormatConverter.class,
            description = "Report format (default: text).")
    ReportFormat format = ReportFormat.TEXT;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        ScanReport report;
        try {
            report = new SnapStartScanner().scan(target, handlers);
        } catch (ScanException e) {
            System.err.println("thaw scan: " + e.getMessage());
            return 2;
        }
        String rendered = format.render(report);
        if (output == null) {
            PrintStream out = System.out;
            out.print(rendered);
            out.flush();
        } else {
            try {
                Files.writeString(output, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("thaw scan: cannot write " + output + ": " + e.getMessage());
                return 2;
            }
        }
        return report.hasFindings() ? 1 : 0;
    }

    /** Picocli reports a bad value as a usage error (exit 2). */
    static final class FormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
