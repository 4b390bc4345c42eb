package dev.thaw.controlplane.layers;

/**
 * One statement of a layer version's permissions policy (AddLayerVersionPermission).
 *
 * @param principal      an account id or {@code *}
 * @param organizationId with principal {@code *}: only that organisation's accounts, or null
 */
public record LayerStatement(String statementId, String action, String principal, String organizationId) {
}
