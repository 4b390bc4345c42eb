package corpus.handleronlyhelper;

import java.util.Random;

/** First used by the handler method, so initialised during an invocation. */
final class LazyNonce {

    static final long NONCE = new Random().nextLong();

    private LazyNonce() {
    }
}
