package corpus.setter;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

final class Registry {

    private final List<UUID> ids = new ArrayList<>();

    void register(UUID id) {
        ids.add(id);
    }

    int size() {
        return ids.size();
    }
}
