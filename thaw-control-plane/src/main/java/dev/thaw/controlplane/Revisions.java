package dev.thaw.controlplane;

/** The optimistic-concurrency check behind every RevisionId request member. */
public final class Revisions {

    private Revisions() {
    }

    public static void check(String current, String expected) {
        if (expected != null && !expected.equals(current)) {
            throw LambdaException.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                    + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }
}
