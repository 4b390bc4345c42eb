package dev.thaw.controlplane.logs;

import dev.thaw.worker.logs.LogEvent;

import java.util.List;

/** A GetLogEvents page and the tokens that read on from either end of it. */
public record EventsPage(List<LogEvent> events, String nextForwardToken, String nextBackwardToken) {
}
