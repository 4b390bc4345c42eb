package corpus.uuidhelper;

import java.util.UUID;

final class Ids {

    private Ids() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }
}
