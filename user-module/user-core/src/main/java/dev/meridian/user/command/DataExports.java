package dev.meridian.user.command;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.api.PrivateReply;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.metrics.Meters;
import dev.meridian.eventinfra.module.Settings;
import dev.meridian.eventinfra.reply.PrivateReplies;
import dev.meridian.eventinfra.store.StreamIds;
import dev.meridian.user.api.DataExportEvent;
import dev.meridian.user.api.DataExportSection;
import dev.meridian.user.api.UserDataExportCompleted;
import dev.meridian.user.api.UserDataExportFailed;
import dev.meridian.user.api.UserDataExportRequested;
import dev.meridian.user.domain.Profile;
import dev.meridian.user.domain.ProfileStateException;
import dev.meridian.user.query.DataExportQueries;
import dev.meridian.user.query.DataExportView;
import dev.meridian.user.query.ProfileQueries;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * GDPR data exports (DESIGN.md: a choreography, not an LRA). Asking appends {@code UserDataExportRequested}; every
 * module in {@link #CONTRIBUTORS} answers with its {@link DataExportSection} as a private reply (kept by
 * event-infra's {@link PrivateReplies}, announced by an event); the answer that completes the set assembles the archive with the user module's own section, and
 * {@code UserDataExportCompleted} has notification mail the link. An export still pending at its deadline fails
 * ({@code UserDataExportFailed}, naming who did not answer), and every export is deleted, archive and all, at its
 * expiry. Outcomes are counted as {@code meridian.data-exports} (requested, ready, failed, expired).
 */
@ApplicationScoped
public class DataExports {

    /** The modules besides this one that hold something about a person, so every export waits for them. */
    public static final List<String> CONTRIBUTORS = List.of("auth", "notification", "analytics");

    private static final Logger LOG = Logger.getLogger(DataExports.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final String CATEGORY = "dataexport";
    private static final String INSERT = """
            insert into users.data_exports (id, user_id, status, requested_at, deadline_at)
            values (?, ?, 'PENDING', ?, ?) on conflict do nothing
            """;
    private static final String LOCK_PENDING = """
            select user_id, requested_at from users.data_exports where id = ? and status = 'PENDING' for update
            """;
    private static final String READY = """
            update users.data_exports set status = 'READY', archive = ?::jsonb, ended_at = ?, expires_at = ?
            where id = ?
            """;
    // one at a time, skipping what another server is failing, so several servers share the work
    private static final String NEXT_OVERDUE = """
            select id, user_id from users.data_exports where status = 'PENDING' and deadline_at <= now()
            order by deadline_at limit 1 for update skip locked
            """;
    private static final String FAILED = """
            update users.data_exports set status = 'FAILED', missing = string_to_array(?, ','), ended_at = now(),
                expires_at = ? where id = ?
            """;
    private static final String DELETE_EXPIRED = "delete from users.data_exports where expires_at <= now()";
    private static final String ERASE = "delete from users.data_exports where user_id = ?";

    @Inject
    DataSource dataSource;

    @Inject
    EventStore eventStore;

    @Inject
    ProfileRecords profiles;

    @Inject
    ProfileQueries profileQueries;

    @Inject
    DataExportQueries queries;

    @Inject
    PrivateReplies replies;

    @Inject
    MeterRegistry meterRegistry;

    private Meters meters;
    private Duration deadline;
    private Duration lifetime;

    @PostConstruct
    void configure() {
        meters = new Meters(meterRegistry);
        Config config = ConfigProvider.getConfig(DataExports.class.getClassLoader());
        deadline = Settings.positiveDuration(config, "meridian.data-export.deadline", Duration.ofMinutes(5));
        lifetime = Settings.positiveDuration(config, "meridian.data-export.lifetime", Duration.ofDays(7));
    }

    /** How long modules have to answer, and how long an archive is kept; for the start-up log. */
    public String describe() {
        return "modules answer within " + deadline + ", archives are kept for " + lifetime;
    }

    /**
     * Starts an export of everything Meridian holds about {@code userId}; while one is pending, that one is the
     * answer and nothing new starts.
     *
     * @throws NoSuchProfileException when the person has no profile (or was erased)
     * @throws ProfileStateException  while the person's erasure runs
     */
    @Transactional
    public DataExportView request(UUID userId) {
        Profile profile = profiles.existing(userId);
        if (profile.beingErased()) {
            throw new ProfileStateException("The person " + userId + " is being erased: nothing is exported");
        }
        UUID exportId = UUID.randomUUID();
        Instant now = Instant.now();
        Instant due = now.plus(deadline);
        // at most one pending per person (a unique index): a request racing another gets the other's export
        if (Statements.update(dataSource, "record the data export", INSERT, exportId, userId, Timestamp.from(now),
                Timestamp.from(due)) == 0) {
            return queries.pendingOf(userId).orElseThrow();
        }
        append(exportId, new UserDataExportRequested(exportId, userId, due),
                new EventMetadata(Optional.empty(), Optional.empty(), Optional.of(userId.toString()), Map.of()));
        meters.counter("meridian.data-exports", "outcome", "requested").increment();
        return new DataExportView(exportId, "PENDING", now, due, null, List.of(), null);
    }

    /**
     * A module answered: the answer that completes the set assembles the archive. The section of an export that
     * is no longer pending (failed, expired, erased) is dropped: that export is over.
     */
    @Transactional
    public void contribute(EventEnvelope<? extends PrivateReply> answer) {
        UUID exportId = PrivateReplies.requestOf(answer);
        List<Map.Entry<UUID, Instant>> pending = Statements.query(dataSource, "lock the data export", LOCK_PENDING,
                row -> Map.entry(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant()), exportId);
        if (pending.isEmpty()) {
            LOG.info(() -> answer.type() + " answered data export " + exportId + " after it ended");
            replies.drop(exportId);
            return;
        }
        Map<String, String> received = replies.of(exportId);
        if (received.keySet().containsAll(CONTRIBUTORS)) {
            // the person is the export's, whatever an answer says
            assemble(exportId, pending.get(0).getKey(), pending.get(0).getValue(), received, answer);
        }
    }

    private void assemble(UUID exportId, UUID userId, Instant requestedAt, Map<String, String> received,
                          EventEnvelope<?> lastAnswer) {
        Profile profile = profiles.existing(userId);
        received.put(CreateProfileHandler.MODULE, JSON.toJson(DataExportSection.of(profileQueries.view(profile),
                eventStore.readStream(profiles.profiles().streamOf(userId)))));
        Instant now = Instant.now();
        Instant expiresAt = now.plus(lifetime);
        Statements.update(dataSource, "store the data export's archive", READY,
                DataExportArchive.assemble(exportId, userId, requestedAt, now, expiresAt, received),
                Timestamp.from(now), Timestamp.from(expiresAt), exportId);
        replies.drop(exportId);
        append(exportId, new UserDataExportCompleted(exportId, userId, profile.email(), profile.locale().value(),
                queries.downloadUrl(exportId), expiresAt), EventMetadata.causedBy(lastAnswer,
                CreateProfileHandler.MODULE));
        meters.counter("meridian.data-exports", "outcome", "ready").increment();
    }

    /**
     * Fails the export whose deadline passed longest ago, if there is one.
     *
     * @return whether there was one
     */
    @Transactional
    public boolean failNextOverdue() {
        List<Map.Entry<UUID, UUID>> overdue = Statements.query(dataSource, "find an overdue data export",
                NEXT_OVERDUE, row -> Map.entry(row.getObject(1, UUID.class), row.getObject(2, UUID.class)));
        if (overdue.isEmpty()) {
            return false;
        }
        UUID exportId = overdue.get(0).getKey();
        UUID userId = overdue.get(0).getValue();
        Map<String, String> answered = replies.of(exportId);
        List<String> missing = CONTRIBUTORS.stream().filter(module -> !answered.containsKey(module)).toList();
        Statements.update(dataSource, "fail the data export", FAILED, String.join(",", missing),
                Timestamp.from(Instant.now().plus(lifetime)), exportId);
        replies.drop(exportId);
        // in the request's correlation, like every other event of the export
        EventEnvelope<DomainEvent> request = eventStore.readStream(StreamIds.of(CATEGORY, exportId), 1, 1).get(0);
        append(exportId, new UserDataExportFailed(exportId, userId, missing),
                EventMetadata.causedBy(request, CreateProfileHandler.MODULE));
        meters.counter("meridian.data-exports", "outcome", "failed").increment();
        LOG.warning(() -> "Data export " + exportId + " failed: no answer from " + missing + " in " + deadline);
        return true;
    }

    /**
     * Deletes every export, with its archive, whose time is up, and every section no export took (answers that
     * came after their export ended and never reached this module).
     *
     * @return how many exports
     */
    @Transactional
    public int deleteExpired() {
        int deleted = Statements.update(dataSource, "delete expired data exports", DELETE_EXPIRED);
        // pending exports fail at their deadline, so a section twice that old belongs to an export that is over
        replies.dropOlderThan(deadline.multipliedBy(2));
        meters.counter("meridian.data-exports", "outcome", "expired").increment(deleted);
        return deleted;
    }

    /** Deletes every export of {@code userId} and every section about them, in the caller's transaction. */
    public void erase(UUID userId) {
        Statements.update(dataSource, "erase the data exports", ERASE, userId);
        replies.forget(userId);
    }

    private void append(UUID exportId, DataExportEvent event, EventMetadata metadata) {
        eventStore.append(StreamIds.of(CATEGORY, exportId), ExpectedVersion.any(), List.of(NewEvent.of(event,
                metadata)));
    }
}
