package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.DataSubject;
import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventQuery;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.PersonalData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Personal data is stored encrypted per person and becomes unreadable, not unreadable-and-failing, once forgotten. */
class CryptoShreddingTest {

    @EventType(name = "test.PersonRegistered")
    public record PersonRegistered(@DataSubject UUID personId, @PersonalData String email,
                                   @PersonalData String name, String plan) implements DomainEvent {
    }

    @EventType(name = "test.PreferencesSet")
    public record PreferencesSet(@DataSubject UUID personId, @PersonalData Map<String, Object> preferences)
            implements DomainEvent {
    }

    @EventType(name = "test.Misplaced")
    public record Misplaced(@PersonalData int age, @DataSubject UUID personId) implements DomainEvent {
    }

    @EventType(name = "test.Ownerless")
    public record Ownerless(@PersonalData String email) implements DomainEvent {
    }

    /** A record kept beside the events, such as an aggregate's snapshot. */
    public record PersonState(@DataSubject UUID personId, @PersonalData String email,
                              @PersonalData Map<String, Object> preferences, String plan) {
    }

    private static final EventJson JSON = new EventJson();
    private static final KeyEncryptionKey KEY_ENCRYPTION_KEY = KeyEncryptionKey.generate();
    private static DataSource database;
    private static PostgresEventStore store;

    @BeforeAll
    static void openStore() {
        database = TestDatabase.fresh();
        store = storeWith(KEY_ENCRYPTION_KEY);
    }

    private static PostgresEventStore storeWith(KeyEncryptionKey keyEncryptionKey) {
        return new PostgresEventStore(database, EventTypeRegistry.of(List.of(PersonRegistered.class,
                PreferencesSet.class)), JSON, EventStoreMetrics.NONE, keyEncryptionKey);
    }

    @AfterAll
    static void closeJson() throws Exception {
        JSON.close();
    }

    private static String register(UUID person, String email, String name) {
        String stream = StreamIds.of("person", UUID.randomUUID());
        store.append(stream, ExpectedVersion.noStream(), List.of(NewEvent.of(
                new PersonRegistered(person, email, name, "gold"), EventMetadata.none())));
        return stream;
    }

    @Test
    void storesPersonalDataEncryptedAndReadsItInTheClear() throws Exception {
        UUID person = UUID.randomUUID();
        String stream = register(person, "ada@example.org", "Ada Lovelace");

        assertThat(storedPayload(stream)).doesNotContain("ada@example.org").doesNotContain("Ada Lovelace")
                .contains("gold").contains(person.toString());
        EventEnvelope<DomainEvent> read = store.readStream(stream, 1, 1).get(0);
        assertThat(read.event()).isEqualTo(new PersonRegistered(person, "ada@example.org", "Ada Lovelace", "gold"));
        assertThat(read.personalDataRedacted()).isFalse();
    }

    @Test
    void sealsAMapOfPersonalDataWholeAndForgetsItWithThePerson() throws Exception {
        UUID person = UUID.randomUUID();
        String stream = StreamIds.of("person", UUID.randomUUID());
        Map<String, Object> preferences = Map.of("nickname", "Countess", "newsletter", true);
        store.append(stream, ExpectedVersion.noStream(), List.of(NewEvent.of(new PreferencesSet(person, preferences),
                EventMetadata.none())));

        assertThat(storedPayload(stream)).doesNotContain("Countess").doesNotContain("newsletter");
        assertThat(store.readStream(stream, 1, 1).get(0).event()).isEqualTo(new PreferencesSet(person, preferences));

        store.forgetSubject(person.toString());

        EventEnvelope<DomainEvent> redacted = store.readStream(stream, 1, 1).get(0);
        assertThat(redacted.event()).isEqualTo(new PreferencesSet(person, null));
        assertThat(redacted.personalDataRedacted()).isTrue();
    }

    @Test
    void sealsARecordKeptBesideTheEventsUnderThePersonsKeyAndForgetsItWithThePerson() throws Exception {
        UUID person = UUID.randomUUID();
        register(person, "grace@example.org", "Grace Hopper");
        UUID snapshot = UUID.randomUUID();
        PersonState state = new PersonState(person, "grace@example.org", Map.of("nickname", "Amazing"), "gold");

        String sealed = store.sealed(snapshot, state).orElseThrow();

        assertThat(sealed).doesNotContain("grace@example.org").doesNotContain("Amazing").contains("gold");
        assertThat(store.opened(snapshot, sealed).map(json -> JSON.fromJson(json, PersonState.class)))
                .hasValue(state);
        assertThatThrownBy(() -> store.opened(UUID.randomUUID(), sealed)).as("moved to another record")
                .isInstanceOf(EventStoreException.class);

        store.forgetSubject(person.toString());

        assertThat(store.opened(snapshot, sealed)).as("its key is gone").isEmpty();
        PersonState forgotten = new PersonState(person, null, null, "gold");
        assertThat(store.sealed(snapshot, forgotten)).as("nothing to seal").hasValue(JSON.toJson(forgotten));
        assertThat(store.sealed(snapshot, state)).as("personal data of a forgotten person: not sealed").isEmpty();
        assertThat(keysOf(person)).as("and no new key made for it").isZero();
    }

    @Test
    void neverMakesAKeyToSealARecordKeptBesideTheEvents() throws Exception {
        UUID stranger = UUID.randomUUID();

        assertThat(store.sealed(UUID.randomUUID(), new PersonState(stranger, "x@example.org", null, "gold")))
                .isEmpty();
        assertThat(keysOf(stranger)).isZero();
    }

    /** What a dump of the database holds: the person's key only wrapped, useless without the key-encryption key. */
    @Test
    void keepsThePersonsKeyWrappedSoTheDatabaseAloneDecryptsNothing() throws Exception {
        UUID person = UUID.randomUUID();
        String stream = register(person, "ada@example.org", "Ada Lovelace");

        try (Connection db = database.getConnection();
             PreparedStatement query = db.prepareStatement(
                     "select key_id::text, key, kek_id from event_infra.subject_keys where subject_id = ?")) {
            query.setString(1, person.toString());
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(3)).isEqualTo(KEY_ENCRYPTION_KEY.id());
                byte[] stored = row.getBytes(2);
                assertThat(stored).as("IV, the key wrapped, the tag: no AES key").hasSize(12 + 32 + 16);
                assertThatThrownBy(() -> KeyEncryptionKey.generate().unwrap(stored, "subject key " + row.getString(1)))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrapped by another");
            }
        }
        PostgresEventStore withAnotherKey = storeWith(KeyEncryptionKey.generate());
        assertThatThrownBy(withAnotherKey::wrapSubjectKeys).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KEY_ENCRYPTION_KEY.id()).hasMessageContaining("meridian.kek");
        assertThatThrownBy(() -> withAnotherKey.readStream(stream, 1, 1))
                .hasRootCauseInstanceOf(javax.crypto.AEADBadTagException.class);
        assertThat(store.readStream(stream, 1, 1).get(0).event())
                .isEqualTo(new PersonRegistered(person, "ada@example.org", "Ada Lovelace", "gold"));
    }

    @Test
    void wrapsTheKeysKeptInTheClearAtStartUpAndRefusesOneInTheClearAfterwards() throws Exception {
        UUID person = UUID.randomUUID();
        String stream = register(person, "grace@example.org", "Grace Hopper");
        try (Connection db = database.getConnection();
             PreparedStatement unwrap = db.prepareStatement("select key_id::text, key from event_infra.subject_keys"
                     + " where subject_id = ?");
             PreparedStatement asBefore = db.prepareStatement("update event_infra.subject_keys set key = ?,"
                     + " kek_id = null where key_id = ?::uuid")) {
            unwrap.setString(1, person.toString());
            try (ResultSet row = unwrap.executeQuery()) {
                row.next();
                asBefore.setBytes(1, KEY_ENCRYPTION_KEY.unwrap(row.getBytes(2), "subject key " + row.getString(1)));
                asBefore.setString(2, row.getString(1));
            }
            asBefore.executeUpdate();
        }
        assertThatThrownBy(() -> store.readStream(stream, 1, 1)).as("a key in the clear, read as it is")
                .hasMessageContaining("not wrapped");

        assertThat(store.wrapSubjectKeys()).isEqualTo(1);

        assertThat(store.wrapSubjectKeys()).as("nothing left in the clear").isZero();
        assertThat(store.readStream(stream, 1, 1).get(0).event())
                .isEqualTo(new PersonRegistered(person, "grace@example.org", "Grace Hopper", "gold"));
    }

    @Test
    void redactsEveryPersonalFieldOfAForgottenPersonAndNobodyElses() {
        UUID forgotten = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        String forgottenStream = register(forgotten, "grace@example.org", "Grace Hopper");
        String keptStream = register(kept, "alan@example.org", "Alan Turing");

        store.forgetSubject(forgotten.toString());

        EventEnvelope<DomainEvent> redacted = store.readStream(forgottenStream, 1, 1).get(0);
        assertThat(redacted.event()).isEqualTo(new PersonRegistered(forgotten, null, null, "gold"));
        assertThat(redacted.personalDataRedacted()).isTrue();
        assertThat(store.readStream(keptStream, 1, 1).get(0).event())
                .isEqualTo(new PersonRegistered(kept, "alan@example.org", "Alan Turing", "gold"));
        assertThat(store.readAll(EventQuery.ofCategory("person"), 0, 100).events())
                .filteredOn(event -> event.streamId().equals(forgottenStream))
                .singleElement().extracting(EventEnvelope::personalDataRedacted).isEqualTo(true);
    }

    @Test
    void keepsAForgottenPersonsOldDataUnreadableWhenTheyComeBack() {
        UUID person = UUID.randomUUID();
        String before = register(person, "ada@example.org", "Ada Lovelace");
        store.forgetSubject(person.toString());

        String after = register(person, "ada.again@example.org", "Ada");

        assertThat(store.readStream(before, 1, 1).get(0).event())
                .isEqualTo(new PersonRegistered(person, null, null, "gold"));
        assertThat(store.readStream(after, 1, 1).get(0).event())
                .isEqualTo(new PersonRegistered(person, "ada.again@example.org", "Ada", "gold"));
    }

    @Test
    void refusesCiphertextMovedToAnotherEvent() throws Exception {
        UUID victim = UUID.randomUUID();
        UUID attacker = UUID.randomUUID();
        String victimStream = register(victim, "victim@example.org", "Victim");
        String attackerStream = register(attacker, "attacker@example.org", "Attacker");
        try (Connection connection = database.getConnection(); PreparedStatement copy = connection.prepareStatement(
                "update event_infra.events set payload = jsonb_set(payload, '{email}',"
                        + " (select payload->'email' from event_infra.events where stream_id = ?)) where stream_id = ?")) {
            copy.setString(1, victimStream);
            copy.setString(2, attackerStream);
            copy.executeUpdate();
        }

        assertThatThrownBy(() -> store.readStream(attackerStream, 1, 1)).isInstanceOf(EventStoreException.class);
    }

    @Test
    void refusesPersonalDataThatIsNoTextOrHasNoSubject() {
        assertThatThrownBy(() -> EventTypeRegistry.of(List.of(Misplaced.class)))
                .hasMessageContaining("must be a String");
        assertThatThrownBy(() -> EventTypeRegistry.of(List.of(Ownerless.class)))
                .hasMessageContaining("no @DataSubject");
    }

    private static String storedPayload(String stream) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement query = connection.prepareStatement(
                "select payload::text from event_infra.events where stream_id = ?")) {
            query.setString(1, stream);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static int keysOf(UUID person) throws Exception {
        try (Connection db = database.getConnection();
             PreparedStatement query = db.prepareStatement(
                     "select count(*) from event_infra.subject_keys where subject_id = ?")) {
            query.setString(1, person.toString());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
