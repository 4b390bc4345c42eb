package dev.thaw.scan;

import org.objectweb.asm.tree.ClassNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the stores of init-reachable methods into findings, for sources in the function's own classes, leaving out
 * fields an afterRestore hook assigns again and fields of objects init does not keep (a helper built, used and
 * dropped during init). One finding per source line and field: {@code new Random().nextInt()}
 * is one mistake, reported once with both calls as its value.
 */
final class FindingCollector {

    private FindingCollector() {
    }

    static List<Finding> collect(CodeBase code, CallGraph graph, Map<MethodRef, MethodSummary> summaries,
                                 Set<FieldRef> refreshed) {
        Map<List<Object>, Finding> findings = new LinkedHashMap<>();
        for (MethodRef method : graph.methods()) {
            MethodSummary summary = summaries.get(method);
            if (summary == null) {
                continue;
            }
            List<StoreRecord> stores = new ArrayList<>(summary.stores());
            stores.sort(Comparator.comparing((StoreRecord s) -> s.method().readable())
                    .thenComparing(StoreRecord::line));
            for (StoreRecord store : stores) {
                boolean kept = store.isUnconditional() || store.receiver() == 0 && graph.retainsReceiver(method);
                if (!kept || refreshed.contains(store.field())) {
                    continue;
                }
                List<TaintSource> sources = store.taints().stream()
                        .flatMap(t -> t instanceof TaintSource source ? Stream.of(source) : Stream.empty())
                        .sorted(Comparator.comparingInt(TaintSource::instruction)).toList();
                for (TaintSource source : sources) {
                    if (code.isOwn(source.method().owner())) {
                        Object at = source.isInjected() ? List.of(store.method(), store.line()) : source.method();
                        findings.merge(List.of(at, source.line(), store.field()),
                                finding(code, graph, method, source, store), FindingCollector::combine);
                    }
                }
            }
        }
        List<Finding> sorted = new ArrayList<>(findings.values());
        sorted.sort(Comparator.comparing(Finding::className).thenComparing(Finding::line)
                .thenComparing(Finding::storedIn).thenComparing(Finding::value));
        return sorted;
    }

    private static Finding combine(Finding first, Finding second) {
        if (first.value().contains(second.value())) {
            return first;
        }
        return new Finding(first.bugCode(), first.className(), first.method(), first.descriptor(),
                first.sourceFile(), first.line(), first.value() + ", " + second.value(), first.category(),
                first.storedIn(), first.storedAt(), first.path());
    }

    /** Located at the source call, or at the store for a value injected as a parameter. */
    private static Finding finding(CodeBase code, CallGraph graph, MethodRef storingMethod, TaintSource source,
                                   StoreRecord store) {
        MethodRef at = source.isInjected() ? store.method() : source.method();
        int line = source.isInjected() ? store.line() : source.line();
        List<String> path = new ArrayList<>(graph.path(graph.contains(at) ? at : storingMethod));
        if (!graph.contains(at)) {
            path.add(at.readable());
        }
        String sourceFile = code.ownClass(at.owner()).map((ClassNode node) -> node.sourceFile).orElse(null);
        return new Finding(Finding.BUG_CODE, Names.className(at.owner()), Names.method(at.name(), at.desc()),
                at.desc(), sourceFile, line, source.description(), source.category(), store.field().readable(),
                store.method().readable() + " line " + store.line(), path);
    }
}
