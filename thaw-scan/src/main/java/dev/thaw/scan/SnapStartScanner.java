package dev.thaw.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds values a function computes during init that every copy restored from its SnapStart snapshot would share:
 * random generators and their draws, UUIDs, clock readings, explicitly seeded SecureRandoms, computed in static
 * initialisers, handler constructors or code they call, and stored where invocations can see them (fields,
 * collections or arrays held in fields). Works on compiled classes only.
 *
 * <pre>{@code
 * ScanReport report = new SnapStartScanner().scan(Path.of("function.zip"), List.of("example.Handler"));
 * report.findings().forEach(f -> System.out.println(f.message()));
 * }</pre>
 */
public final class SnapStartScanner {

    /**
     * Scans a jar, a Lambda-layout zip ({@code classes/} or root, plus {@code lib/*.jar}) or a directory.
     *
     * @param handlers {@code Class::method} or {@code Class} of each handler, own or a library's (a framework
     *                 adapter); empty to find every class Lambda or a framework adapter may use as one
     * @throws ScanException when the package cannot be read or no handler is found
     */
    public ScanReport scan(Path packagePath, List<String> handlers) {
        CodeBase code = PackageReader.read(packagePath);
        TypeHierarchy types = new TypeHierarchy(code);
        HandlerSelection selection = HandlerLocator.locate(code, types,
                handlers.stream().filter(h -> !h.isBlank()).toList());
        CallResolver resolver = new CallResolver(code, types);
        CracHooks hooks = new CracHooks(code, types);

        CallGraph init = CallGraph.forInit(code, resolver, hooks, selection);
        TaintSolver solver = new TaintSolver(code, init, new SourceCatalog(types), resolver);
        Map<MethodRef, MethodSummary> summaries = solver.solve();
        Set<FieldRef> refreshed = hooks.refreshedFields(
                CallGraph.from(code, resolver, hooks, hooks.afterRestoreHooks()));
        List<Finding> findings = FindingCollector.collect(code, init, summaries, refreshed);

        List<String> warnings = new ArrayList<>(code.warnings());
        warnings.addAll(solver.warnings());
        return new ScanReport(packagePath.toString(), selection.names(),
                code.ownClasses().size(), init.methods().size(), findings, warnings);
    }
}
