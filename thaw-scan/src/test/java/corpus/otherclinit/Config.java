package corpus.otherclinit;

import java.util.Random;

final class Config {

    static final String NONCE = Long.toHexString(new Random().nextLong()); // SNAP_START expected: <clinit>

    private Config() {
    }

    static String region() {
        return "us-east-1";
    }
}
