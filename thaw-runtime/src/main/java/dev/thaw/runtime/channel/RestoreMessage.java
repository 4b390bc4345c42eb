package dev.thaw.runtime.channel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of a RESTORE frame: the environment variables whose values this restored copy has anew (its own log
 * stream's name and credentials token), which the runtime takes over before the afterRestore hooks run. Empty for
 * none.
 */
public record RestoreMessage(Map<String, String> environment) {

    public RestoreMessage {
        environment = Map.copyOf(environment);
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(environment.size());
            for (Map.Entry<String, String> variable : environment.entrySet()) {
                out.writeUTF(variable.getKey());
                out.writeUTF(variable.getValue());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty payload is a copy with nothing new. */
    public static RestoreMessage decode(byte[] encoded) {
        if (encoded.length == 0) {
            return new RestoreMessage(Map.of());
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
            int count = in.readInt();
            Map<String, String> environment = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                environment.put(in.readUTF(), in.readUTF());
            }
            return new RestoreMessage(environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
