package dev.thaw.scan.maven;

import dev.thaw.scan.Finding;
import dev.thaw.scan.ReportFormat;
import dev.thaw.scan.ScanException;
import dev.thaw.scan.ScanReport;
import dev.thaw.scan.SnapStartScanner;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code thaw-scan:scan}: runs {@code thaw scan} on the function this build packages and fails the build on
 * findings, as SpotBugs does. Bound to {@code verify}, after packaging, so a shaded jar or Lambda zip is scanned as
 * deployed; without a packaged artifact the compiled classes are.
 */
@Mojo(name = "scan", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class ScanMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** What to scan: a jar, a Lambda zip or a directory. Default: the packaged artifact, else the classes. */
    @Parameter(property = "thaw.scan.target")
    private File target;

    /** Handlers as {@code Class::method} or {@code Class}. Default: every class the scanner takes for one. */
    @Parameter(property = "thaw.scan.handlers")
    private List<String> handlers = new ArrayList<>();

    /** {@code text}, {@code json} or {@code sarif}: the format of {@link #output}. */
    @Parameter(property = "thaw.scan.format", defaultValue = "text")
    private String format;

    /** Where the report is written, in {@link #format}; the text report always goes to the build log too. */
    @Parameter(property = "thaw.scan.output")
    private File output;

    @Parameter(property = "thaw.scan.failOnFindings", defaultValue = "true")
    private boolean failOnFindings;

    @Parameter(property = "thaw.scan.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("thaw scan skipped");
            return;
        }
        ReportFormat reportFormat;
        try {
            reportFormat = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        File scanned = scanTarget();
        ScanReport report;
        try {
            report = new SnapStartScanner().scan(scanned.toPath(), handlers);
        } catch (ScanException e) {
            throw new MojoExecutionException("thaw scan: " + e.getMessage(), e);
        }
        ReportFormat.TEXT.render(report).lines().forEach(line -> log(report, line));
        if (output != null) {
            write(reportFormat.render(report));
        }
        if (report.hasFindings() && failOnFindings) {
            throw new MojoFailureException(report.findings().size() + " SnapStart finding(s) in " + scanned + ": "
                    + report.findings().stream().map(Finding::message).toList());
        }
    }

    private File scanTarget() throws MojoExecutionException {
        if (target != null) {
            return target;
        }
        File artifact = project.getArtifact() == null ? null : project.getArtifact().getFile();
        if (artifact != null && artifact.isFile()) {
            return artifact;
        }
        File classes = new File(project.getBuild().getOutputDirectory());
        if (!classes.isDirectory()) {
            throw new MojoExecutionException("thaw scan: nothing to scan, " + classes + " does not exist");
        }
        return classes;
    }

    private void log(ScanReport report, String line) {
        if (report.hasFindings()) {
            getLog().warn(line);
        } else {
            getLog().info(line);
        }
    }

    private void write(String rendered) throws MojoExecutionException {
        try {
            File parent = output.getAbsoluteFile().getParentFile();
            Files.createDirectories(parent.toPath());
            Files.writeString(output.toPath(), rendered, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("thaw scan: cannot write " + output + ": " + e.getMessage(), e);
        }
    }
}
