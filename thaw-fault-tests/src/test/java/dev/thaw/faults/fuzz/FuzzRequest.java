package dev.thaw.faults.fuzz;

/** One input: a request whose path, query and body came from the generators (the path and query raw, as sent). */
record FuzzRequest(String route, String method, String rawPath, String rawQuery, byte[] body) {

    String target() {
        return rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    /** Short enough for a report line: long values are cut, with their length said. */
    String describe() {
        return method + " " + abbreviate(target()) + " body " + abbreviate(new String(body,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...(" + text.length() + " chars)";
    }
}
