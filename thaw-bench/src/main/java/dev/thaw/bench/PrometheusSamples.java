package dev.thaw.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of one scrape of a Prometheus text exposition ({@code GET /metrics}). */
final class PrometheusSamples {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusSamples(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusSamples parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int labelsStart = trimmed.indexOf('{');
            int labelsEnd = trimmed.lastIndexOf('}');
            int valueStart = labelsEnd >= 0 ? labelsEnd + 1 : trimmed.indexOf(' ');
            String name = trimmed.substring(0, labelsStart >= 0 ? labelsStart : valueStart);
            Map<String, String> labels = new LinkedHashMap<>();
            if (labelsStart >= 0) {
                Matcher label = LABEL.matcher(trimmed.substring(labelsStart + 1, labelsEnd));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            // The value may be followed by a timestamp.
            String value = trimmed.substring(valueStart).strip().split("\\s+")[0];
            samples.add(new Sample(name, labels, Double.parseDouble(value)));
        }
        return new PrometheusSamples(samples);
    }

    /** The sum of the samples of {@code name}; 0 when there are none. */
    double sum(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    /** The sum of the samples of {@code name} whose {@code label} has {@code value}; 0 when there are none. */
    double sum(String name, String label, String value) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && value.equals(s.labels().get(label)))
                .mapToDouble(Sample::value)
                .sum();
    }
}
