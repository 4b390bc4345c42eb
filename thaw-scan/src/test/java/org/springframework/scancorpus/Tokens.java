package org.springframework.scancorpus;

import java.util.Random;

public final class Tokens {

    public static final long TOKEN = new Random().nextLong(); // SNAP_START expected: <clinit>

    private Tokens() {
    }
}
