package dev.thaw.controlplane;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list operation.
 *
 * @param nextMarker where the next page starts, or null on the last page
 */
public record Page<T>(List<T> items, String nextMarker) {

    /** Lambda caps every page at 50 items whatever MaxItems asks for. */
    static final int MAX_PAGE = 50;

    /**
     * Cuts the page starting at the item whose key the marker names. Markers are opaque to clients: the key of the
     * first item of the next page, base64url-encoded.
     */
    public static <T> Page<T> of(List<T> all, Function<T, String> key, String marker, Integer maxItems) {
        if (maxItems != null && (maxItems < 1 || maxItems > 10_000)) {
            throw LambdaException.constraint("maxItems", maxItems, "Member must have value between 1 and 10000");
        }
        int size = Math.min(maxItems == null ? MAX_PAGE : maxItems, MAX_PAGE);
        int start = marker == null || marker.isEmpty() ? 0 : indexOf(all, key, decode(marker));
        int end = Math.min(all.size(), start + size);
        String next = end < all.size() ? encode(key.apply(all.get(end))) : null;
        return new Page<>(List.copyOf(all.subList(start, end)), next);
    }

    private static <T> int indexOf(List<T> all, Function<T, String> key, String startKey) {
        for (int i = 0; i < all.size(); i++) {
            if (key.apply(all.get(i)).equals(startKey)) {
                return i;
            }
        }
        throw LambdaException.invalidParameter("Invalid marker: the listing changed or the marker is not ours.");
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LambdaException.invalidParameter("Invalid marker: " + LambdaException.echo(marker));
        }
    }
}
