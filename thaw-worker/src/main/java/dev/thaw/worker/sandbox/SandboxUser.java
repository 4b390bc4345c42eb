package dev.thaw.worker.sandbox;

/**
 * The unprivileged identity functions run as, as on Lambda, where they run as {@code sbx_user1051}: no
 * supplementary groups, no capabilities. Environments are kept apart by their own namespaces, not by their uid.
 *
 * @param name the passwd name inside the sandbox
 * @param uid  its uid, the same inside and on the host
 * @param gid  its primary (and only) gid
 */
public record SandboxUser(String name, int uid, int gid) {

    public static final SandboxUser DEFAULT = new SandboxUser("sbx_user1051", 993, 990);
}
