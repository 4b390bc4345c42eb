package dev.thaw.controlplane.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A layer version's resource-based policy: its statements and the revision that changes with each of them.
 */
public record LayerPolicy(List<LayerStatement> statements, String revisionId) {

    public LayerPolicy {
        statements = List.copyOf(statements);
    }

    static LayerPolicy empty() {
        return new LayerPolicy(List.of(), UUID.randomUUID().toString());
    }

    Optional<LayerStatement> statement(String statementId) {
        return statements.stream().filter(s -> s.statementId().equals(statementId)).findFirst();
    }

    LayerPolicy with(LayerStatement statement) {
        List<LayerStatement> more = new ArrayList<>(statements);
        more.add(statement);
        return new LayerPolicy(more, UUID.randomUUID().toString());
    }

    LayerPolicy without(String statementId) {
        return new LayerPolicy(statements.stream().filter(s -> !s.statementId().equals(statementId)).toList(),
                UUID.randomUUID().toString());
    }
}
