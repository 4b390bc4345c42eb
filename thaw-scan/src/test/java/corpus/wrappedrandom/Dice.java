package corpus.wrappedrandom;

import java.util.Random;

/** A helper holding a generator: harmless per request, shared once init keeps one. */
final class Dice {

    private final Random random = new Random();

    int roll() {
        return random.nextInt(6) + 1;
    }
}
