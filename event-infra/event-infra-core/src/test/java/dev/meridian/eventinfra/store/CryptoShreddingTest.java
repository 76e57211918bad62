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

    @EventType(name = "test.Misplaced")
    public record Misplaced(@PersonalData int age, @DataSubject UUID personId) implements DomainEvent {
    }

    @EventType(name = "test.Ownerless")
    public record Ownerless(@PersonalData String email) implements DomainEvent {
    }

    private static final EventJson JSON = new EventJson();
    private static DataSource database;
    private static PostgresEventStore store;

    @BeforeAll
    static void openStore() {
        database = TestDatabase.fresh();
        store = new PostgresEventStore(database, EventTypeRegistry.of(List.of(PersonRegistered.class)), JSON, EventStoreMetrics.NONE);
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
}
