package dev.thaw.worker.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/** The functions' logs: one append-only file per function, {@code <dir>/<function>.log}. */
public final class FunctionLogs {

    /** Lambda's function name alphabet; anything else could escape the log directory. */
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,140}");

    private final Path dir;

    public FunctionLogs(Path dir) {
        this.dir = dir;
    }

    /** Appends text to the function's log; appends are whole, never interleaved with another one. */
    public synchronized void append(String functionName, String text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(file(functionName), text, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole log, oldest first; empty for a function that never logged. */
    public synchronized String read(String functionName) {
        try {
            return Files.readString(file(functionName), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sink that writes to the function's log only (output between invocations). */
    public LogSink sink(String functionName) {
        return text -> append(functionName, text);
    }

    /** Starts collecting the log of one invocation, which is also written to the function's log. */
    public InvocationLog invocation(String functionName) {
        file(functionName);
        return new InvocationLog(this, functionName);
    }

    private Path file(String functionName) {
        if (!FUNCTION_NAME.matcher(functionName).matches()) {
            throw new IllegalArgumentException("invalid function name " + functionName);
        }
        return dir.resolve(functionName + ".log");
    }
}
