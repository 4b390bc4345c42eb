package dev.thaw.api.auth;

import dev.thaw.controlplane.FunctionCredentials;
import dev.thaw.worker.AwsCredentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The AWS shared-credentials file: {@code [profile]} sections with {@code aws_access_key_id} and
 * {@code aws_secret_access_key}, the format the AWS CLI and SDKs read through {@code AWS_SHARED_CREDENTIALS_FILE}.
 * Every section is one key the server accepts.
 */
public final class CredentialsFile {

    private static final String ID = "aws_access_key_id";
    private static final String SECRET = "aws_secret_access_key";
    private static final String SESSION_TOKEN = "aws_session_token";
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ALL_OTHERS_PASS = PosixFilePermissions.fromString("rwx--x--x");
    private static final Set<PosixFilePermission> READABLE_BY_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private CredentialsFile() {
    }

    public static AccessKeys read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file);
    }

    /**
     * The operator's credentials for functions, in the same format: one section per execution role ARN, or
     * {@code [*]} for every other role, each with {@code aws_access_key_id}, {@code aws_secret_access_key} and
     * optionally {@code aws_session_token}.
     */
    public static FunctionCredentials readFunctionCredentials(Path file) throws IOException {
        Map<String, AwsCredentials> byRole = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> section
                : sections(Files.readAllLines(file, StandardCharsets.UTF_8), file).entrySet()) {
            Map<String, String> values = section.getValue();
            String id = values.get(ID);
            String secret = values.get(SECRET);
            if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
                throw new IOException(file + ": role [" + section.getKey() + "] needs " + ID + " and " + SECRET);
            }
            String token = values.get(SESSION_TOKEN);
            byRole.put(section.getKey(), new AwsCredentials(id, secret, token == null || token.isEmpty() ? null
                    : token));
        }
        return new FunctionCredentials(byRole);
    }

    /**
     * Writes a new file with {@code key} as its default profile, readable and writable by its owner only, and takes
     * read and write access to its directory from group and others (they keep the right to pass through, which
     * paths below may need). Fails if the file exists.
     */
    public static void create(Path file, AccessKey key) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ALL_OTHERS_PASS));
        Set<PosixFilePermission> dirPermissions = Files.getPosixFilePermissions(dir);
        if (dirPermissions.removeAll(READABLE_BY_OTHERS)) {
            Files.setPosixFilePermissions(dir, dirPermissions);
        }
        // Created with its final permissions, so no other user can open it in between.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        Files.writeString(file, "[" + AccessKeys.DEFAULT_PROFILE + "]\n" + ID + " = " + key.accessKeyId() + "\n"
                + SECRET + " = " + key.secretAccessKey() + "\n", StandardCharsets.UTF_8);
    }

    /** The {@code [section]}s of the file, each with its {@code key = value} lines (keys in lower case). */
    private static Map<String, Map<String, String>> sections(List<String> lines, Path file) throws IOException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                if (name.isEmpty() || sections.containsKey(name)) {
                    throw new IOException(file + ":" + (i + 1) + ": empty or repeated section [" + name + "]");
                }
                section = new LinkedHashMap<>();
                sections.put(name, section);
                continue;
            }
            int equals = line.indexOf('=');
            if (section == null || equals < 0) {
                throw new IOException(file + ":" + (i + 1) + ": expected [section] or key = value");
            }
            section.put(line.substring(0, equals).strip().toLowerCase(), line.substring(equals + 1).strip());
        }
        return sections;
    }

    /** Whether users other than the owner may read or change the file. */
    public static boolean openToOthers(Path file) throws IOException {
        return Files.getPosixFilePermissions(file).stream().anyMatch(READABLE_BY_OTHERS::contains);
    }

    static AccessKeys parse(List<String> lines, Path file) throws IOException {
        Map<String, Map<String, String>> sections = sections(lines, file);
        Map<String, AccessKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> entry : sections.entrySet()) {
            String id = entry.getValue().get(ID);
            String secret = entry.getValue().get(SECRET);
            if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
                throw new IOException(file + ": profile [" + entry.getKey() + "] needs " + ID + " and " + SECRET);
            }
            keys.put(entry.getKey(), new AccessKey(id, secret));
        }
        if (keys.isEmpty()) {
            throw new IOException(file + ": no [profile] with " + ID + " and " + SECRET);
        }
        try {
            return new AccessKeys(keys);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
