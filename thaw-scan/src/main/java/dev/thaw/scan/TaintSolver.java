package dev.thaw.scan;

import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the summaries of all init-reachable methods to a fixed point: a method is analysed with its callees'
 * current summaries, and its callers are analysed again whenever its summary changes (recursion converges since
 * summaries only grow). Callees go first so most methods are analysed once.
 */
final class TaintSolver {

    private final CodeBase code;
    private final CallGraph graph;
    private final MethodAnalyzer analyzer;
    private final Map<MethodRef, MethodSummary> summaries = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    TaintSolver(CodeBase code, CallGraph graph, SourceCatalog catalog, CallResolver resolver) {
        this.code = code;
        this.graph = graph;
        this.analyzer = new MethodAnalyzer(catalog, resolver, code,
                method -> graph.contains(method) ? summaries.getOrDefault(method, MethodSummary.EMPTY) : null,
                graph::isInjectionPoint);
    }

    Map<MethodRef, MethodSummary> solve() {
        List<MethodRef> order = new ArrayList<>(graph.methods());
        Collections.reverse(order);
        Deque<MethodRef> queue = new ArrayDeque<>(order);
        Set<MethodRef> queued = new HashSet<>(order);
        long budget = 50L * order.size() + 1000;
        while (!queue.isEmpty()) {
            if (budget-- == 0) {
                warnings.add("analysis stopped before a fixed point; some findings may be missing");
                break;
            }
            MethodRef method = queue.poll();
            queued.remove(method);
            MethodNode node = code.method(method);
            if (node == null) {
                continue;
            }
            MethodSummary summary;
            try {
                summary = analyzer.analyze(method, node);
            } catch (AnalyzerException | RuntimeException e) {
                warnings.add("could not analyse " + method.readable() + ": " + e.getMessage());
                summary = MethodSummary.EMPTY;
            }
            if (!summary.equals(summaries.getOrDefault(method, MethodSummary.EMPTY))) {
                summaries.put(method, summary);
                for (MethodRef caller : graph.callers(method)) {
                    if (queued.add(caller)) {
                        queue.add(caller);
                    }
                }
            }
        }
        return summaries;
    }

    List<String> warnings() {
        return warnings;
    }
}
