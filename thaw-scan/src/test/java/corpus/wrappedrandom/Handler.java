package corpus.wrappedrandom;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * Positive: helpers wrapping a generator kept in handler fields, and a value drawn from one during init. Negative:
 * a helper init builds, uses and drops, and one made per request.
 */
public class Handler implements RequestHandler<String, String> {

    private static final Dice SHARED = new Dice(); // SNAP_START expected: <clinit>

    private final Dice dice;
    private final int firstRoll;
    private final int scratchRolls;

    public Handler() {
        dice = new Dice(); // SNAP_START expected: <init>
        Dice local = new Dice();
        firstRoll = local.roll(); // SNAP_START expected: <init>
        Dice scratch = new Dice();
        scratchRolls = scratch.hashCode() > 0 ? 1 : 2;
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + SHARED.roll() + dice.roll() + firstRoll + scratchRolls + new Dice().roll();
    }
}
