package dev.thaw.store.crypto;

import dev.thaw.store.StoreException;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The key that wraps every function's data key. Its id, a fingerprint of the key, is stored with each wrapped
 * data key so that a store opened with the wrong key, or a rotation half done, is recognised as such.
 */
public record MasterKey(String id, SecretKey key) {

    public static MasterKey generate() {
        return of(AesGcm.newKey().getEncoded());
    }

    public static MasterKey of(byte[] raw) {
        return new MasterKey(fingerprint(raw), AesGcm.key(raw));
    }

    /** Reads a key file holding the 32 raw key bytes, or their base64 text (surrounding whitespace allowed). */
    public static MasterKey read(Path file) throws StoreException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("cannot read master key file " + file + ": " + e, e);
        }
        if (content.length == AesGcm.KEY_BYTES) {
            return of(content);
        }
        try {
            byte[] raw = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
            if (raw.length == AesGcm.KEY_BYTES) {
                return of(raw);
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below, with what the file must hold
        }
        throw new StoreException("master key file " + file + " must hold 32 raw bytes or their base64 text");
    }

    public byte[] encoded() {
        return key.getEncoded();
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }

    private static String fingerprint(byte[] raw) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("thaw master key id\0".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest.digest(raw), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
