package dev.meridian.user.command;

import dev.meridian.eventinfra.api.DataExportContribution;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.api.ExpectedVersion;
import dev.meridian.eventinfra.api.NewEvent;
import dev.meridian.eventinfra.export.ExportSections;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.metrics.Meters;
import dev.meridian.eventinfra.module.Settings;
import dev.meridian.eventinfra.store.StreamIds;
import dev.meridian.user.api.DataExportEvent;
import dev.meridian.user.api.UserDataExportCompleted;
import dev.meridian.user.api.UserDataExportFailed;
import dev.meridian.user.api.UserDataExportRequested;
import dev.meridian.user.domain.Profile;
import dev.meridian.user.query.DataExportView;
import dev.meridian.user.query.ProfileQueries;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * module in {@link #CONTRIBUTORS} answers with its section, which waits in {@code users.data_export_sections};
 * the answer that completes the set assembles the archive with the user module's own section, and
 * {@code UserDataExportCompleted} has notification mail the link. An export still pending at its deadline fails
 * ({@code UserDataExportFailed}, naming who did not answer), and every export is deleted, archive and all, at its
 * expiry. Outcomes are counted as {@code meridian.data-exports} (requested, ready, failed, expired).
 */
@ApplicationScoped
public class DataExports {

    /** The modules besides this one that hold something about a person, so every export waits for them. */
    public static final List<String> CONTRIBUTORS = List.of("auth", "notification", "analytics");

    private static final Logger LOG = Logger.getLogger(DataExports.class.getName());
    private static final String CATEGORY = "dataexport";
    private static final String VIEW_COLUMNS = """
            select id, status, requested_at, deadline_at, expires_at, missing from users.data_exports
            """;
    private static final String PENDING_OF = VIEW_COLUMNS + " where user_id = ? and status = 'PENDING'";
    private static final String OWNED = VIEW_COLUMNS
            + " where id = ? and user_id = ? and (expires_at is null or expires_at > now())";
    private static final String INSERT = """
            insert into users.data_exports (id, user_id, status, requested_at, deadline_at)
            values (?, ?, 'PENDING', ?, ?)
            """;
    private static final String LOCK_PENDING = """
            select user_id, requested_at from users.data_exports where id = ? and status = 'PENDING' for update
            """;
    private static final String ADD_SECTION = """
            insert into users.data_export_sections (export_id, module, section) values (?, ?, ?::jsonb)
            on conflict do nothing
            """;
    private static final String SECTIONS = "select module, section::text from users.data_export_sections"
            + " where export_id = ?";
    private static final String READY = """
            update users.data_exports set status = 'READY', archive = ?::jsonb, ended_at = ?, expires_at = ?
            where id = ?
            """;
    private static final String DROP_SECTIONS = "delete from users.data_export_sections where export_id = ?";
    // one at a time, skipping what another server is failing, so several servers share the work
    private static final String NEXT_OVERDUE = """
            select id, user_id from users.data_exports where status = 'PENDING' and deadline_at <= now()
            order by deadline_at limit 1 for update skip locked
            """;
    private static final String FAILED = """
            update users.data_exports set status = 'FAILED', missing = string_to_array(?, ','), ended_at = now(), expires_at = ?
            where id = ?
            """;
    private static final String DELETE_EXPIRED = "delete from users.data_exports where expires_at <= now()";
    private static final String ERASE = "delete from users.data_exports where user_id = ?";
    private static final String ARCHIVE = """
            select archive::text from users.data_exports where id = ? and user_id = ? and status = 'READY'
            and expires_at > now()
            """;

    @Resource(lookup = "java:jboss/datasources/MeridianDS")
    DataSource dataSource;

    @Inject
    EventStore eventStore;

    @Inject
    ProfileRecords profiles;

    @Inject
    ProfileQueries profileQueries;

    @Inject
    ExportSections sections;

    @Inject
    MeterRegistry meterRegistry;

    private Meters meters;
    private Duration deadline;
    private Duration lifetime;
    private String publicUrl;

    @PostConstruct
    void configure() {
        meters = new Meters(meterRegistry);
        Config config = ConfigProvider.getConfig(DataExports.class.getClassLoader());
        deadline = Settings.positiveDuration(config, "meridian.data-export.deadline", Duration.ofMinutes(5));
        lifetime = Settings.positiveDuration(config, "meridian.data-export.lifetime", Duration.ofDays(7));
        publicUrl = Settings.text(config, "meridian.public-url").orElse("http://localhost:8080")
                .replaceAll("/+$", "");
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
     */
    @Transactional
    public DataExportView request(UUID userId) {
        profiles.existing(userId);
        Optional<DataExportView> pending = first(PENDING_OF, userId);
        if (pending.isPresent()) {
            return pending.get();
        }
        UUID exportId = UUID.randomUUID();
        Instant now = Instant.now();
        Instant due = now.plus(deadline);
        Statements.update(dataSource, "record the data export", INSERT, exportId, userId, Timestamp.from(now),
                Timestamp.from(due));
        append(exportId, new UserDataExportRequested(exportId, userId, due),
                new EventMetadata(Optional.empty(), Optional.empty(), Optional.of(userId.toString()), Map.of()));
        meters.counter("meridian.data-exports", "outcome", "requested").increment();
        return new DataExportView(exportId, "PENDING", now, due, null, List.of(), null);
    }

    /**
     * Keeps a module's {@code answer}; the answer that completes the set assembles the archive. An answer to an
     * export that is no longer pending (failed, expired, erased) is dropped: that export is over.
     */
    @Transactional
    public void contribute(EventEnvelope<? extends DataExportContribution> answer) {
        DataExportContribution contribution = answer.event();
        String module = answer.type().substring(0, answer.type().indexOf('.'));
        List<Instant> requestedAt = Statements.query(dataSource, "lock the data export", LOCK_PENDING,
                row -> row.getTimestamp(2).toInstant(), contribution.exportId());
        if (requestedAt.isEmpty()) {
            LOG.info(() -> module + " answered data export " + contribution.exportId() + " after it ended");
            return;
        }
        Statements.update(dataSource, "keep a data export section", ADD_SECTION, contribution.exportId(), module,
                contribution.section());
        Map<String, String> received = new LinkedHashMap<>();
        Statements.query(dataSource, "read the data export sections", SECTIONS,
                row -> Map.entry(row.getString(1), row.getString(2)), contribution.exportId())
                .forEach(section -> received.put(section.getKey(), section.getValue()));
        if (received.keySet().containsAll(CONTRIBUTORS)) {
            assemble(answer, requestedAt.get(0), received);
        }
    }

    private void assemble(EventEnvelope<? extends DataExportContribution> lastAnswer, Instant requestedAt,
                          Map<String, String> received) {
        UUID exportId = lastAnswer.event().exportId();
        UUID userId = lastAnswer.event().userId();
        Profile profile = profiles.existing(userId);
        received.put(CreateProfileHandler.MODULE, sections.section(profileQueries.view(profile),
                sections.stream(profiles.profiles().streamOf(userId))));
        Instant now = Instant.now();
        Instant expiresAt = now.plus(lifetime);
        Statements.update(dataSource, "store the data export's archive", READY,
                DataExportArchive.assemble(exportId, userId, requestedAt, now, expiresAt, received),
                Timestamp.from(now), Timestamp.from(expiresAt), exportId);
        Statements.update(dataSource, "drop the data export sections", DROP_SECTIONS, exportId);
        append(exportId, new UserDataExportCompleted(exportId, userId, profile.email(), profile.locale().value(),
                downloadUrl(exportId), expiresAt), EventMetadata.causedBy(lastAnswer, CreateProfileHandler.MODULE));
        meters.counter("meridian.data-exports", "outcome", "ready").increment();
    }

    /**
     * Fails the export whose deadline passed longest ago, if there is one.
     *
     * @return whether there was one
     */
    @Transactional
    public boolean failNextOverdue() {
        List<UUID[]> overdue = Statements.query(dataSource, "find an overdue data export", NEXT_OVERDUE,
                row -> new UUID[] {row.getObject(1, UUID.class), row.getObject(2, UUID.class)});
        if (overdue.isEmpty()) {
            return false;
        }
        UUID exportId = overdue.get(0)[0];
        UUID userId = overdue.get(0)[1];
        List<String> answered = Statements.query(dataSource, "read the data export sections", SECTIONS,
                row -> row.getString(1), exportId);
        List<String> missing = CONTRIBUTORS.stream().filter(module -> !answered.contains(module)).toList();
        Statements.update(dataSource, "fail the data export", FAILED, String.join(",", missing),
                Timestamp.from(Instant.now().plus(lifetime)), exportId);
        Statements.update(dataSource, "drop the data export sections", DROP_SECTIONS, exportId);
        append(exportId, new UserDataExportFailed(exportId, userId, missing),
                new EventMetadata(Optional.empty(), Optional.empty(), Optional.of(CreateProfileHandler.MODULE), Map.of()));
        meters.counter("meridian.data-exports", "outcome", "failed").increment();
        LOG.warning(() -> "Data export " + exportId + " failed: no answer from " + missing + " in " + deadline);
        return true;
    }

    /**
     * Deletes every export, with its archive, whose time is up.
     *
     * @return how many
     */
    @Transactional
    public int deleteExpired() {
        int deleted = Statements.update(dataSource, "delete expired data exports", DELETE_EXPIRED);
        meters.counter("meridian.data-exports", "outcome", "expired").increment(deleted);
        return deleted;
    }

    /** Deletes every export of {@code userId}, in the caller's transaction: the person is being erased. */
    public void erase(UUID userId) {
        Statements.update(dataSource, "erase the data exports", ERASE, userId);
    }

    /** The export {@code exportId} if it is {@code userId}'s and not expired. */
    public Optional<DataExportView> find(UUID userId, UUID exportId) {
        return first(OWNED, exportId, userId);
    }

    /** The archive of the export {@code exportId} if it is {@code userId}'s, ready and not expired. */
    public Optional<String> archive(UUID userId, UUID exportId) {
        return Statements.query(dataSource, "read the data export's archive", ARCHIVE, row -> row.getString(1),
                exportId, userId).stream().findFirst();
    }

    private Optional<DataExportView> first(String query, Object... values) {
        return Statements.query(dataSource, "read the data exports", query, this::view, values).stream().findFirst();
    }

    private DataExportView view(ResultSet row) throws SQLException {
        UUID exportId = row.getObject(1, UUID.class);
        String status = row.getString(2);
        Array missing = row.getArray(6);
        return new DataExportView(exportId, status, row.getTimestamp(3).toInstant(), row.getTimestamp(4).toInstant(),
                Optional.ofNullable(row.getTimestamp(5)).map(Timestamp::toInstant).orElse(null),
                missing == null ? List.of() : Arrays.asList((String[]) missing.getArray()),
                status.equals("READY") ? downloadUrl(exportId) : null);
    }

    private String downloadUrl(UUID exportId) {
        return publicUrl + "/api/users/me/data-exports/" + exportId + "/archive";
    }

    private void append(UUID exportId, DataExportEvent event, EventMetadata metadata) {
        eventStore.append(StreamIds.of(CATEGORY, exportId), ExpectedVersion.any(), List.of(NewEvent.of(event,
                metadata)));
    }
}
