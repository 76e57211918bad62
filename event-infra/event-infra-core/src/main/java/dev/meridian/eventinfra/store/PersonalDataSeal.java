package dev.meridian.eventinfra.store;

import java.util.Optional;
import java.util.UUID;

/**
 * Seals the personal data of a record kept beside the events, such as an aggregate's snapshot, exactly as the
 * events' is sealed: each {@link dev.meridian.eventinfra.api.PersonalData} component under the current key of the
 * record's {@link dev.meridian.eventinfra.api.DataSubject}, bound to an id and the component, so that forgetting the
 * person makes it unreadable too. Both join the caller's transaction.
 */
public interface PersonalDataSeal {

    /**
     * {@code value} as JSON, its personal components sealed and bound to {@code id}; empty when it holds personal
     * data but its person has no key (was forgotten): no key is ever made for it here.
     */
    Optional<String> sealed(UUID id, Record value);

    /**
     * JSON that {@link #sealed} wrote for {@code id}, its personal components opened; empty when a component's key
     * is gone (its subject was forgotten).
     */
    Optional<String> opened(UUID id, String json);
}
