package dev.thaw.api.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** A key pair whose signatures the server accepts. The secret never appears in {@link #toString()}. */
public record AccessKey(String accessKeyId, String secretAccessKey) {

    // AWS access key ids are upper-case letters and the digits 2-7 (base32) after a four-letter prefix.
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int ID_RANDOM_CHARS = 16;
    private static final int SECRET_BYTES = 30;

    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("an access key needs an id and a secret");
        }
    }

    /** A fresh pair shaped like the ones AWS issues: a 20-character id starting AKIA and a 40-character secret. */
    public static AccessKey generate(SecureRandom random) {
        StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < ID_RANDOM_CHARS; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new AccessKey(id.toString(), Base64.getEncoder().encodeToString(secret));
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + "]";
    }
}
