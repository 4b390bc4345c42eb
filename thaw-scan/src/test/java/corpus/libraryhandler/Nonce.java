package corpus.libraryhandler;

import java.util.Random;

final class Nonce {

    static final long VALUE = new Random().nextLong();

    private Nonce() {
    }
}
