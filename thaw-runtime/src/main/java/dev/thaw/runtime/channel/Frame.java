package dev.thaw.runtime.channel;

/**
 * One message on the control channel between the worker and the runtime inside an environment.
 *
 * <p>The channel is a pair of plain pipes on file descriptors of its own ({@link ControlFds}), so that nothing
 * written to stdout or stderr can corrupt it and a checkpointed environment can be handed fresh ones at restore. On
 * the wire a frame is one type byte, a big-endian int length, then that many payload bytes.
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
        INVOKE('I'),
        /** worker to runtime: a checkpoint follows; run the beforeCheckpoint hooks. Empty payload. */
        CHECKPOINT('C'),
        /**
         * runtime to worker: hooks done, logs flushed, nothing left to send; the runtime now only waits for
         * {@link #RESTORE}. Empty payload.
         */
        CHECKPOINT_READY('K'),
        /** runtime to worker: a beforeCheckpoint hook failed; payload is a Lambda error JSON object. Then exits. */
        CHECKPOINT_ERROR('F'),
        /**
         * worker to runtime, first frame on the fresh pipes of a restored copy: run the afterRestore hooks; payload
         * is an encoded {@link RestoreMessage}.
         */
        RESTORE('S'),
        /** runtime to worker: afterRestore hooks done, ready for invocations. Empty payload. */
        RESTORED('D'),
        /** runtime to worker: an afterRestore hook failed; payload is a Lambda error JSON object. Then exits. */
        RESTORE_ERROR('Q');

        final byte code;

        Type(char code) {
            this.code = (byte) code;
        }

        static Type of(int code) throws MalformedFrameException {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new MalformedFrameException("unknown frame type " + code);
        }
    }

    public static Frame of(Type type) {
        return new Frame(type, new byte[0]);
    }
}
