package dev.thaw.runtime.channel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The payload of an {@link Frame.Type#INVOKE} frame.
 *
 * @param requestId          the Lambda request id
 * @param deadlineEpochMillis wall-clock time at which the invocation times out
 * @param invokedFunctionArn the ARN the caller invoked (qualified with version or alias when given)
 * @param clientContextJson  decoded X-Amz-Client-Context JSON, or empty
 * @param cognitoIdentityJson cognito identity JSON, or empty
 * @param payload            the event bytes
 */
public record InvokeMessage(String requestId, long deadlineEpochMillis, String invokedFunctionArn,
                            String clientContextJson, String cognitoIdentityJson, byte[] payload) {

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(requestId);
            out.writeLong(deadlineEpochMillis);
            out.writeUTF(invokedFunctionArn);
            out.writeUTF(clientContextJson);
            out.writeUTF(cognitoIdentityJson);
            out.writeInt(payload.length);
            out.write(payload);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static InvokeMessage decode(byte[] encoded) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
            String requestId = in.readUTF();
            long deadline = in.readLong();
            String arn = in.readUTF();
            String clientContext = in.readUTF();
            String cognito = in.readUTF();
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            return new InvokeMessage(requestId, deadline, arn, clientContext, cognito, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
