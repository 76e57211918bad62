package dev.meridian.auth.token;

import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.module.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The sessions as their owner sees them ({@code auth.sessions}): when each began and was last used, and the client
 * that began it. A session lives while its refresh token does, and never longer than
 * {@code meridian.auth.session-lifetime} (30 days by default) from its beginning, however often it is refreshed.
 * An account has at most {@code meridian.auth.sessions-per-account} (100 by default) open at once. Every method
 * joins the caller's transaction.
 */
@ApplicationScoped
public class Sessions {

    /** Longer than any browser's user agent; what is beyond it identifies nobody's device better. */
    static final int MAX_USER_AGENT = 256;
    /** An IPv6 address with a zone fits; anything longer is not an address. */
    static final int MAX_CLIENT_ADDRESS = 64;
    /** The account's snapshot lists its open sessions: this keeps it a few kilobytes at most. */
    static final int MAX_SESSIONS_PER_ACCOUNT = 1_000;

    private static final String OPEN = """
            insert into auth.sessions (session_id, user_id, created_at, last_used_at, client_address, user_agent)
            values (?, ?, ?, ?, ?, ?)
            """;
    private static final String USED = "update auth.sessions set last_used_at = now() where session_id = ?";
    private static final String STARTED = "select created_at from auth.sessions where session_id = ?";
    private static final String LIVE_OF_USER = """
            select s.session_id, s.created_at, s.last_used_at, s.client_address, s.user_agent
            from auth.sessions s
            where s.user_id = ? and s.created_at > ?
              and exists (select 1 from auth.refresh_tokens t where t.session_id = s.session_id
                          and t.replaced_at is null and t.revoked_at is null and t.expires_at > now())
            order by s.created_at
            """;

    /**
     * Sessions that cannot be used any more: past their lifetime, or without a live refresh token (one not
     * replaced, revoked or expired: signed out, ended by their owner, or idle too long). A token of theirs presented
     * again is refused as an unknown one would be. One still being opened is never among them: its token commits
     * with its row.
     */
    private static final String DELETE_ENDED = """
            with ended as (
                select session_id from auth.sessions s
                 where s.created_at < ?
                    or not exists (select 1 from auth.refresh_tokens t
                                    where t.session_id = s.session_id and t.replaced_at is null
                                      and t.revoked_at is null and t.expires_at > now())
                 limit ? for update skip locked),
            tokens as (delete from auth.refresh_tokens where session_id in (select session_id from ended))
            delete from auth.sessions where session_id in (select session_id from ended)
            """;

    @Inject
    DataSource dataSource;

    private Duration lifetime;
    private int perAccount;

    @PostConstruct
    void configure() {
        Config config = ConfigProvider.getConfig(Sessions.class.getClassLoader());
        lifetime = Settings.positiveDuration(config, "meridian.auth.session-lifetime", Duration.ofDays(30));
        perAccount = config.getOptionalValue("meridian.auth.sessions-per-account", Integer.class).orElse(100);
        if (perAccount < 1 || perAccount > MAX_SESSIONS_PER_ACCOUNT) {
            throw new IllegalStateException("meridian.auth.sessions-per-account must be between 1 and "
                    + MAX_SESSIONS_PER_ACCOUNT + ", not " + perAccount);
        }
    }

    /** How many sessions one account may have open; a sign-in beyond it ends the account's oldest. */
    public int perAccount() {
        return perAccount;
    }

    /** Records the sign-in at {@code startedAt} of the session {@code sessionId} of {@code userId}, by the client. */
    public void open(UUID sessionId, UUID userId, Instant startedAt, String clientAddress, String userAgent) {
        Statements.update(dataSource, "record the session " + sessionId, OPEN, sessionId, userId,
                Timestamp.from(startedAt), Timestamp.from(startedAt), printable(clientAddress, MAX_CLIENT_ADDRESS),
                printable(userAgent, MAX_USER_AGENT));
    }

    /** The session was refreshed just now. */
    public void used(UUID sessionId) {
        Statements.update(dataSource, "record a use of the session " + sessionId, USED, sessionId);
    }

    /** When the session began: its sign-in, the last time its password was checked; empty for no such session. */
    public Optional<Instant> startedAt(UUID sessionId) {
        return Statements.query(dataSource, "read the beginning of the session " + sessionId, STARTED,
                row -> row.getTimestamp(1).toInstant(), sessionId).stream().findFirst();
    }

    /**
     * Deletes up to {@code limit} sessions that cannot be used any more, with their refresh tokens: what a client
     * signed in from is personal data, kept no longer than the session could be used. Returns how many.
     */
    public int deleteEnded(int limit) {
        return Statements.update(dataSource, "delete ended sessions", DELETE_ENDED,
                Timestamp.from(Instant.now().minus(lifetime)), limit);
    }

    /** Whether a session that began at {@code startedAt} may still be refreshed. */
    public boolean withinLifetime(Instant startedAt) {
        return startedAt.isAfter(Instant.now().minus(lifetime));
    }

    /** The sessions of {@code userId} that may still be refreshed, oldest first. */
    public List<Session> liveOf(UUID userId) {
        return Statements.query(dataSource, "read the sessions of " + userId, LIVE_OF_USER,
                row -> new Session(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant(),
                        row.getTimestamp(3).toInstant(), Optional.ofNullable(row.getString(4)),
                        Optional.ofNullable(row.getString(5))), userId,
                Timestamp.from(Instant.now().minus(lifetime)));
    }

    /**
     * {@code text} without control characters and at most {@code most} code points long; null stays null. The
     * address too comes from the client when proxy address forwarding is on.
     */
    private static String printable(String text, int most) {
        return text == null ? null : text.codePoints().filter(c -> !Character.isISOControl(c)).limit(most)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * One session as its owner sees it.
     *
     * @param sessionId     its id, the {@code sid} claim of its access tokens
     * @param createdAt     when it began (the sign-in)
     * @param lastUsedAt    when it was last signed in or refreshed
     * @param clientAddress the address the sign-in came from, when known
     * @param userAgent     the sign-in's {@code User-Agent}, when it sent one
     */
    public record Session(UUID sessionId, Instant createdAt, Instant lastUsedAt, Optional<String> clientAddress,
                          Optional<String> userAgent) {
    }
}
