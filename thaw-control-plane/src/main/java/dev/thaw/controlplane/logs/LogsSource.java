package dev.thaw.controlplane.logs;

import dev.thaw.worker.logs.FunctionLogs;
import dev.thaw.worker.logs.LogEvent;
import dev.thaw.worker.logs.LogGroup;
import dev.thaw.worker.logs.LogStreamName;
import dev.thaw.worker.logs.LogStreamSummary;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where {@link LogsService} reads the functions' logs: this server's (the worker's {@link FunctionLogs}), or, among
 * servers sharing a database, every live server's, since each keeps what the environments it ran wrote.
 */
public interface LogsSource {

    /** Every function's log group, by function name. */
    List<LogGroup> groups();

    Optional<LogGroup> group(String functionName);

    /** The group's streams that hold events, by name. */
    List<LogStreamSummary> streams(String functionName);

    /** One stream's events at or after {@code fromMillis}, in order. */
    Iterator<LogEvent> events(String functionName, LogStreamName stream, long fromMillis);

    /** Sets or removes the group's own retention; false when the function has no log group. */
    boolean setRetention(String functionName, OptionalInt days);

    /** This server's logs alone. */
    static LogsSource local(FunctionLogs logs) {
        return new LogsSource() {
            @Override
            public List<LogGroup> groups() {
                return logs.groups();
            }

            @Override
            public Optional<LogGroup> group(String functionName) {
                return logs.group(functionName);
            }

            @Override
            public List<LogStreamSummary> streams(String functionName) {
                return logs.streams(functionName);
            }

            @Override
            public Iterator<LogEvent> events(String functionName, LogStreamName stream, long fromMillis) {
                return logs.events(functionName, stream, fromMillis);
            }

            @Override
            public boolean setRetention(String functionName, OptionalInt days) {
                return logs.setRetention(functionName, days);
            }
        };
    }
}
