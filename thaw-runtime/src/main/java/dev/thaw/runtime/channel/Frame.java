package dev.thaw.runtime.channel;

/**
 * One message on the control channel between the worker and the runtime inside an environment.
 *
 * <p>The channel is the environment's stdin (worker to runtime) and stdout (runtime to worker): plain
 * pipes, so a checkpointed environment can be handed fresh ones at restore. On the wire a frame is one
 * type byte, a big-endian int length, then that many payload bytes.
 */
public record Frame(Type type, byte[] payload) {

    public enum Type {
        /** runtime to worker: init finished, ready for invocations. Empty payload. */
        READY('R'),
        /** runtime to worker: init failed; payload is a Lambda error JSON object. The runtime then exits. */
        INIT_ERROR('E'),
        /** runtime to worker: function output (System.out/err, LambdaLogger), UTF-8 text. */
        LOG('L'),
        /** runtime to worker: the invocation succeeded; payload is the response bytes. */
        RESPONSE('O'),
        /** runtime to worker: the invocation failed; payload is a Lambda error JSON object. */
        RESPONSE_ERROR('X'),
        /** worker to runtime: invoke; payload is an encoded {@link InvokeMessage}. */
        INVOKE('I');

        final byte code;

        Type(char code) {
            this.code = (byte) code;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown frame type " + code);
        }
    }

    public static Frame of(Type type) {
        return new Frame(type, new byte[0]);
    }
}
