package dev.thaw.store.crypto;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-256-GCM with a random 96-bit nonce per message. Sealed form: version byte (1), nonce (12 bytes),
 * ciphertext with its 16-byte tag. The version byte is authenticated with the associated data. Random nonces are
 * safe up to about 2^32 messages per key; a data key seals one function's chunks, far fewer.
 */
public final class AesGcm {
    public static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    public static SecretKey newKey() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        return key(raw);
    }

    public static SecretKey key(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    public static byte[] seal(SecretKey key, byte[] plaintext, String aad) {
        byte[] sealed = new byte[1 + NONCE_BYTES + plaintext.length + TAG_BITS / 8];
        sealed[0] = VERSION;
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(aad));
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, 1 + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides AES/GCM", e);
        }
        return sealed;
    }

    public static byte[] open(SecretKey key, byte[] sealed, String aad) throws IntegrityException {
        if (sealed.length < OVERHEAD || sealed[0] != VERSION) {
            throw new IntegrityException("not a sealed object (" + sealed.length + " bytes)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(aad));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IntegrityException("authentication failed for " + aad, e);
        }
    }

    private static byte[] associatedData(String aad) {
        byte[] text = aad.getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[text.length + 1];
        data[0] = VERSION;
        System.arraycopy(text, 0, data, 1, text.length);
        return data;
    }
}
