package dev.meridian.eventinfra.store;

import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.PersonalData;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Crypto-shredding: each {@link PersonalData} component of an event is stored as
 * {@code {"$encrypted": base64(iv || AES-GCM ciphertext), "subject": id, "key": key id}} under the current key of
 * the event's {@link DataSubject}, kept in {@code event_infra.subject_keys}; a map component is sealed as its JSON,
 * marked {@code "form": "json"}. Forgetting a subject deletes its key;
 * its values then read as null, even if the person later comes back and gets a new key. The stored form names its
 * key, so reading needs no knowledge of the event type.
 */
final class PersonalDataVault {

    static final String ENCRYPTED = "$encrypted";
    static final String SUBJECT = "subject";
    static final String KEY = "key";
    static final String FORM = "form";
    static final String JSON_FORM = "json";

    private static final int KEY_BYTES = 32;

    private static final String CREATE_KEY = """
            insert into event_infra.subject_keys (key_id, subject_id, key, kek_id) values (?, ?, ?, ?)
            on conflict (subject_id) do nothing
            """;
    private static final String CURRENT_KEY = """
            select key_id::text, key, kek_id from event_infra.subject_keys where subject_id = ?
            """;
    private static final String KEYS = """
            select key_id::text, key, kek_id from event_infra.subject_keys where key_id = any(?::uuid[])
            """;
    private static final String FORGET = "delete from event_infra.subject_keys where subject_id = ?";
    private static final String WRAPPED_BY = """
            select distinct kek_id from event_infra.subject_keys where kek_id is not null
            """;
    private static final String UNWRAPPED = """
            select key_id::text, key from event_infra.subject_keys where kek_id is null for update
            """;
    private static final String WRAP = "update event_infra.subject_keys set key = ?, kek_id = ? where key_id = ?::uuid";

    private final SecureRandom random = new SecureRandom();
    private final KeyEncryptionKey keyEncryptionKey;
    private final EventJson json;
    private final Map<Class<?>, Optional<PersonalFields>> personalFieldsOfClass = new ConcurrentHashMap<>();

    /**
     * A vault whose keys are wrapped by {@code keyEncryptionKey} in the database, sealing map components as
     * {@code json} writes them.
     */
    PersonalDataVault(KeyEncryptionKey keyEncryptionKey, EventJson json) {
        this.keyEncryptionKey = keyEncryptionKey;
        this.json = json;
    }

    /**
     * Where an event class keeps personal data.
     *
     * @param subject the component naming the person
     * @param fields  the personal components
     */
    record PersonalFields(RecordComponent subject, List<String> fields) {
    }

    /** The personal components of {@code eventClass}, checked: String or Map values and exactly one subject. */
    static Optional<PersonalFields> personalFieldsOf(Class<?> eventClass) {
        RecordComponent subject = null;
        List<String> fields = new ArrayList<>();
        for (RecordComponent component : eventClass.getRecordComponents()) {
            if (component.isAnnotationPresent(PersonalData.class)) {
                if (component.getType() != String.class && component.getType() != Map.class) {
                    throw new IllegalArgumentException(eventClass.getName() + "." + component.getName()
                            + " is @PersonalData, which must be a String or a Map");
                }
                fields.add(component.getName());
            }
            if (component.isAnnotationPresent(DataSubject.class)) {
                if (subject != null) {
                    throw new IllegalArgumentException(eventClass.getName() + " has more than one @DataSubject");
                }
                subject = component;
            }
        }
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        if (subject == null) {
            throw new IllegalArgumentException(eventClass.getName() + " has @PersonalData but no @DataSubject");
        }
        return Optional.of(new PersonalFields(subject, List.copyOf(fields)));
    }

    /**
     * The event's JSON tree with its personal components encrypted and bound to {@code eventId}, under the current
     * key of its subject, made now if the subject has none; the tree unchanged if it has no personal data, or it is
     * all null: no key is made for nothing to seal.
     */
    Map<String, Object> encrypt(Connection connection, UUID eventId, Record event, Map<String, Object> tree)
            throws SQLException {
        Optional<PersonalFields> personal = personalFieldsOfClass.computeIfAbsent(event.getClass(),
                PersonalDataVault::personalFieldsOf);
        if (personal.isEmpty() || allNull(personal.get(), tree)) {
            return tree;
        }
        String subject = subjectOf(event, personal.get().subject());
        return seal(eventId, personal.get(), subject, keyFor(connection, subject), tree);
    }

    /**
     * The JSON tree of {@code value}, a record kept beside the events, with its personal components encrypted and
     * bound to {@code id}, under its subject's existing key; empty when it has personal data but the subject has no
     * key. Such a record is never sealed under a new key: a subject without one was forgotten, and a key made for
     * it now would undo the erasure for whatever is sealed later.
     */
    Optional<Map<String, Object>> encryptWithExistingKey(Connection connection, UUID id, Record value,
                                                         Map<String, Object> tree) throws SQLException {
        Optional<PersonalFields> personal = personalFieldsOfClass.computeIfAbsent(value.getClass(),
                PersonalDataVault::personalFieldsOf);
        if (personal.isEmpty() || allNull(personal.get(), tree)) {
            return Optional.of(tree);
        }
        String subject = subjectOf(value, personal.get().subject());
        return currentKey(connection, subject).map(existing -> seal(id, personal.get(), subject, existing, tree));
    }

    private static boolean allNull(PersonalFields personal, Map<String, Object> tree) {
        return personal.fields().stream().allMatch(field -> tree.get(field) == null);
    }

    private Map<String, Object> seal(UUID id, PersonalFields personal, String subject, CurrentKey key,
                                     Map<String, Object> tree) {
        for (String field : personal.fields()) {
            if (tree.get(field) instanceof String plain) {
                tree.put(field, Map.of(ENCRYPTED, seal(key.key(), id, field, plain), SUBJECT, subject,
                        KEY, key.id()));
            } else if (tree.get(field) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                String asJson = json.fromTree((Map<String, Object>) map);
                tree.put(field, Map.of(ENCRYPTED, seal(key.key(), id, field, asJson), SUBJECT, subject,
                        KEY, key.id(), FORM, JSON_FORM));
            }
        }
        return tree;
    }

    /** Whether {@code value}'s class has personal data, so its JSON must go through {@link #encrypt}. */
    boolean hasPersonalData(Object value) {
        return personalFieldsOfClass.computeIfAbsent(value.getClass(), PersonalDataVault::personalFieldsOf)
                .isPresent();
    }

    /**
     * Decrypts the personal components of a stored tree in place with {@code keys} (by key id); a component whose
     * key is gone becomes null.
     *
     * @return true when something was redacted
     */
    boolean decrypt(UUID eventId, Map<String, Object> tree, Map<String, SecretKey> keys) {
        boolean redacted = false;
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> value && value.containsKey(ENCRYPTED)) {
                String subject = String.valueOf(value.get(SUBJECT));
                SecretKey key = keys.get(String.valueOf(value.get(KEY)));
                if (key == null) {
                    entry.setValue(null);
                    redacted = true;
                } else {
                    String opened = open(key, eventId, subject, entry.getKey(), String.valueOf(value.get(ENCRYPTED)));
                    entry.setValue(JSON_FORM.equals(value.get(FORM)) ? json.toTree(opened) : opened);
                }
            }
        }
        return redacted;
    }

    /** The ids of the keys the sealed values of a stored tree were sealed with. */
    static List<String> keyIdsIn(Map<String, Object> tree) {
        return tree.values().stream()
                .filter(value -> value instanceof Map<?, ?> sealed && sealed.containsKey(ENCRYPTED))
                .map(sealed -> String.valueOf(((Map<?, ?>) sealed).get(KEY)))
                .toList();
    }

    /** Those of the keys with {@code keyIds} that still exist, by id. */
    Map<String, SecretKey> keysOf(Connection connection, Collection<String> keyIds) throws SQLException {
        Map<String, SecretKey> keys = new HashMap<>();
        if (keyIds.isEmpty()) {
            return keys;
        }
        try (PreparedStatement query = connection.prepareStatement(KEYS)) {
            Array ids = connection.createArrayOf("text", keyIds.toArray());
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.put(rows.getString(1), keyIn(rows));
                }
            }
        }
        return keys;
    }

    /** Deletes the subject's key. */
    void forget(Connection connection, String subject) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(FORGET)) {
            delete.setString(1, subject);
            delete.executeUpdate();
        }
    }

    /**
     * A subject's current key.
     *
     * @param id  its id, stored beside every value it seals
     * @param key the key
     */
    private record CurrentKey(String id, SecretKey key) {
    }

    /** The subject's key; made, and wrapped, only for a subject who has none yet. */
    private CurrentKey keyFor(Connection connection, String subject) throws SQLException {
        Optional<CurrentKey> kept = currentKey(connection, subject);
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        UUID keyId = UUID.randomUUID();
        try (PreparedStatement create = connection.prepareStatement(CREATE_KEY)) {
            create.setObject(1, keyId);
            create.setString(2, subject);
            create.setBytes(3, keyEncryptionKey.wrap(fresh, context(keyId.toString())));
            create.setString(4, keyEncryptionKey.id());
            create.executeUpdate();
        }
        // another transaction may have made it meanwhile: its key is the one
        return currentKey(connection, subject).orElseThrow(() -> new EventStoreException("No key for subject "
                + subject + " right after creating it", null));
    }

    private Optional<CurrentKey> currentKey(Connection connection, String subject) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(CURRENT_KEY)) {
            query.setString(1, subject);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new CurrentKey(row.getString(1), keyIn(row))) : Optional.empty();
            }
        }
    }

    /**
     * The key of a row of (key id, key, id of the key-encryption key). Keys kept in the clear were wrapped at
     * start-up ({@link #wrapStoredKeys}); one in the clear now was put there by someone who can write to the
     * database but has not the key-encryption key, and would decrypt what is sealed with it: refused.
     */
    private SecretKey keyIn(ResultSet row) throws SQLException {
        if (row.getString(3) == null) {
            throw new EventStoreException("The key " + row.getString(1) + " is not wrapped by the key-encryption key:"
                    + " Meridian did not write it", null);
        }
        return new SecretKeySpec(keyEncryptionKey.unwrap(row.getBytes(2), context(row.getString(1))), "AES");
    }

    private static String context(String keyId) {
        return "subject key " + keyId;
    }

    /**
     * Wraps every key still stored in the clear (kept before keys were wrapped), after making sure the wrapped ones
     * are this server's key-encryption key's: one that is not would make every person's data unreadable.
     *
     * @return how many keys it wrapped
     */
    int wrapStoredKeys(Connection connection) throws SQLException {
        List<String> wrappedBy = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(WRAPPED_BY); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                wrappedBy.add(rows.getString(1));
            }
        }
        keyEncryptionKey.checkWrapped(wrappedBy, "The people's encryption keys (event_infra.subject_keys)");
        int wrapped = 0;
        try (PreparedStatement query = connection.prepareStatement(UNWRAPPED);
             ResultSet rows = query.executeQuery();
             PreparedStatement wrap = connection.prepareStatement(WRAP)) {
            while (rows.next()) {
                wrap.setBytes(1, keyEncryptionKey.wrap(rows.getBytes(2), context(rows.getString(1))));
                wrap.setString(2, keyEncryptionKey.id());
                wrap.setString(3, rows.getString(1));
                wrap.addBatch();
                wrapped++;
            }
            wrap.executeBatch();
        }
        return wrapped;
    }

    private static String subjectOf(Record value, RecordComponent subject) {
        try {
            Object id = subject.getAccessor().invoke(value);
            if (id == null) {
                throw new IllegalArgumentException(value.getClass().getName() + " has personal data but its "
                        + subject.getName() + " is null");
            }
            return id.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + subject.getName() + " of " + value.getClass(), e);
        }
    }

    private static String seal(SecretKey key, UUID eventId, String field, String plain) {
        // binding event and component stops a ciphertext from being moved to another event or component
        return Base64.getEncoder().encodeToString(AesGcm.seal(key, plain.getBytes(StandardCharsets.UTF_8),
                associatedData(eventId, field)));
    }

    private static byte[] associatedData(UUID eventId, String field) {
        return (eventId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    private static String open(SecretKey key, UUID eventId, String subject, String field, String stored) {
        try {
            return new String(AesGcm.open(key, Base64.getDecoder().decode(stored), associatedData(eventId, field)),
                    StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new EventStoreException("Personal data of subject " + subject + " in " + field
                    + " does not decrypt: the stored value or key was altered", e);
        }
    }
}
