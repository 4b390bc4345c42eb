package dev.thaw.faults.load;

import java.util.List;
import java.util.Map;

/** What the load clients share: the functions they all change, and where they count what happened. */
record LoadTarget(List<SharedFunction> shared, SharedFunction limited, Tally tally, Answers answers,
                  Map<String, Boolean> ownFunctions) {
}
