package dev.thaw.faults;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The suite's figures: each part writes its section when it ends, and the report ({@code target/fault-report.md} and
 * {@code .json}) is rebuilt from the sections of this Maven run, so that it holds whichever parts ran.
 */
public final class FaultReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path DIR = Path.of(System.getProperty("thaw.faults.report-dir", "target"));
    private static final String RUN = System.getProperty("thaw.faults.run", "");

    /** One part's figures (name to value, in the order added) and findings (one line each). */
    public record Section(String run, String part, String form, String seed, Map<String, Object> figures,
                          List<String> findings) {

        public Section {
            figures = new LinkedHashMap<>(figures);
            findings = new ArrayList<>(findings);
        }

        /** @param seed what replays the part's random choices */
        public static Section of(String part, Object seed) {
            return new Section(RUN, part, FaultForm.current().name().toLowerCase(), seed.toString(), Map.of(),
                    List.of());
        }

        public Section figure(String name, Object value) {
            figures.put(name, value);
            return this;
        }

        /** A finding quotes its input; characters UTF-8 cannot hold (lone surrogates) are written as '?'. */
        public Section finding(String line) {
            findings.add(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            return this;
        }

        String markdown() {
            StringBuilder out = new StringBuilder("## ").append(part)
                    .append(" (").append(form).append(", seed ").append(seed).append(")\n\n| figure | value |\n| --- | --- |\n");
            figures.forEach((name, value) -> out.append("| ").append(name).append(" | ").append(value).append(" |\n"));
            if (!findings.isEmpty()) {
                out.append("\nFindings:\n\n");
                findings.forEach(line -> out.append("- ").append(line.replace("\n", " ")).append('\n'));
            }
            return out.append('\n').toString();
        }
    }

    private FaultReport() {
    }

    /** Prints the section and writes it into the report. */
    public static synchronized void write(Section section) {
        System.out.println(section.markdown());
        try {
            Path sections = Files.createDirectories(DIR.resolve("fault-report"));
            JSON.writeValue(sections.resolve(section.part() + ".json").toFile(), section);
            List<Section> all = sectionsOfThisRun(sections);
            JSON.writeValue(DIR.resolve("fault-report.json").toFile(), all);
            StringBuilder markdown = new StringBuilder("# Fault suite report\n\n");
            all.forEach(s -> markdown.append(s.markdown()));
            Files.writeString(DIR.resolve("fault-report.md"), markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Section> sectionsOfThisRun(Path sections) throws IOException {
        try (Stream<Path> files = Files.list(sections)) {
            List<Section> all = new ArrayList<>();
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Section section = JSON.readValue(file.toFile(), new TypeReference<>() { });
                if (section.run().equals(RUN)) {
                    all.add(section);
                }
            }
            return all;
        }
    }
}
