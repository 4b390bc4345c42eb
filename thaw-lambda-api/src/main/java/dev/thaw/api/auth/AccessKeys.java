package dev.thaw.api.auth;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The keys the server holds: by profile (a section of the credentials file) and by access key id. */
public final class AccessKeys {

    public static final String DEFAULT_PROFILE = "default";

    private final Map<String, AccessKey> byProfile;
    private final Map<String, AccessKey> byId = new HashMap<>();

    /** @param byProfile at least one key; no access key id twice */
    public AccessKeys(Map<String, AccessKey> byProfile) {
        if (byProfile.isEmpty()) {
            throw new IllegalArgumentException("no access keys");
        }
        this.byProfile = Collections.unmodifiableMap(new LinkedHashMap<>(byProfile));
        for (Map.Entry<String, AccessKey> entry : byProfile.entrySet()) {
            AccessKey previous = byId.putIfAbsent(entry.getValue().accessKeyId(), entry.getValue());
            if (previous != null) {
                throw new IllegalArgumentException("access key id " + entry.getValue().accessKeyId()
                        + " appears twice (profile " + entry.getKey() + ")");
            }
        }
    }

    public Optional<AccessKey> byId(String accessKeyId) {
        return Optional.ofNullable(byId.get(accessKeyId));
    }

    public Optional<AccessKey> profile(String name) {
        return Optional.ofNullable(byProfile.get(name));
    }

    /** The default profile's key, else the first one. */
    public AccessKey primary() {
        return profile(DEFAULT_PROFILE).orElseGet(() -> byProfile.values().iterator().next());
    }

    public Map<String, AccessKey> profiles() {
        return byProfile;
    }
}
