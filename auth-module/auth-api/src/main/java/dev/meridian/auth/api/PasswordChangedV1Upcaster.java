package dev.meridian.auth.api;

import dev.meridian.eventinfra.api.EventUpcaster;
import java.util.HashMap;
import java.util.Map;

/** {@code auth.PasswordChanged} version 1, from password resets only, kept no session: version 2 says so. */
public final class PasswordChangedV1Upcaster implements EventUpcaster {

    @Override
    public String eventType() {
        return "auth.PasswordChanged";
    }

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public Map<String, Object> upcast(Map<String, Object> payload) {
        Map<String, Object> next = new HashMap<>(payload);
        next.put("keptSessionId", null);
        return next;
    }
}
