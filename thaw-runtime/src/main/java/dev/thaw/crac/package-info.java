/**
 * CRaC checkpoint/restore notifications for functions, with the API of {@code jdk.crac}.
 *
 * <p>Functions do not use this package directly: they depend on {@code org.crac:crac}, whose {@code Core}
 * looks for an implementation in the package named by the system property {@code org.crac.Core.Compat}.
 * The runtime sets that property to this package and makes it visible to the function's class loader, so
 * resources registered through {@code org.crac.Core.getGlobalContext()} land in {@link Core#getGlobalContext()}
 * and are notified when a SnapStart version is checkpointed and each time a copy is restored.
 */
package dev.thaw.crac;
