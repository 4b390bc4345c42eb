package dev.thaw.controlplane;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A function's resource-based policy: its statements (each a JSON document as GetPolicy answers it) and the
 * revision that changes with each of them.
 */
public record FunctionPolicy(List<String> statements, String revisionId) {

    public FunctionPolicy {
        statements = List.copyOf(statements);
    }

    static FunctionPolicy empty() {
        return new FunctionPolicy(List.of(), UUID.randomUUID().toString());
    }

    FunctionPolicy with(String statement) {
        List<String> more = new ArrayList<>(statements);
        more.add(statement);
        return new FunctionPolicy(more, UUID.randomUUID().toString());
    }

    FunctionPolicy without(String statement) {
        return new FunctionPolicy(statements.stream().filter(s -> !s.equals(statement)).toList(),
                UUID.randomUUID().toString());
    }
}
