package dev.thaw.store;

import java.time.Duration;

/**
 * What a put stored.
 *
 * @param rawBytes    sum of the snapshot's file sizes
 * @param storedBytes bytes this put added to the durable tier (new chunks and the manifest)
 * @param chunks      distinct chunks the snapshot references
 * @param newChunks   of those, the ones the function's key domain did not hold yet
 */
public record PutResult(long rawBytes, long storedBytes, int chunks, int newChunks, Duration elapsed) {
}
