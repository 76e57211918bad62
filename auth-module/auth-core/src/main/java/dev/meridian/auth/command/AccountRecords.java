package dev.meridian.auth.command;

import dev.meridian.auth.api.AccountEvent;
import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.EmailAddress;
import dev.meridian.eventinfra.api.EventStore;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.sourcing.EventSourcedRepository;
import dev.meridian.eventinfra.sourcing.SnapshotSettings;
import dev.meridian.eventinfra.sourcing.SnapshotStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Where accounts live: their streams ({@code account-<userId>}) in the event store, the email lookup and the
 * credentials in the auth schema. An account is snapshotted every {@value #SNAPSHOT_EVERY} events. Every method
 * joins the caller's transaction.
 */
@ApplicationScoped
public class AccountRecords {

    static final int SNAPSHOT_EVERY = 25;

    private static final String RESERVE_EMAIL = """
            insert into auth.account_emails (email, user_id) values (?, ?) on conflict (email) do nothing
            """;
    private static final String STORE_CREDENTIALS = """
            insert into auth.credentials (user_id, password_hash) values (?, ?)
            """;

    private static final String REPLACE_PASSWORD = """
            update auth.credentials set password_hash = ?, changed_at = now() where user_id = ?
            """;
    private static final String REPLACE_CHECKED_PASSWORD = """
            update auth.credentials set password_hash = ?, changed_at = now()
            where user_id = ? and password_hash = ?
            """;
    // a new hash of the same password: not a change, so the time it was last changed stays
    private static final String REHASH_PASSWORD = """
            update auth.credentials set password_hash = ? where user_id = ? and password_hash = ?
            """;
    // what auth keeps about a person besides their stream, in the order that lets each delete find its rows
    private static final String[] ERASE = {
            "delete from auth.password_reset_requests where email in (select email from auth.account_emails"
                    + " where user_id = ?)",
            "delete from auth.password_resets where user_id = ?",
            "delete from auth.email_verifications where user_id = ?",
            "delete from auth.sessions where user_id = ?",
            "delete from auth.refresh_tokens where user_id = ?",
            "delete from auth.credentials where user_id = ?",
            "delete from auth.account_emails where user_id = ?"};
    private static final String RELEASE_EMAIL = "delete from auth.account_emails where user_id = ?";
    private static final String DELETE_CREDENTIALS = "delete from auth.credentials where user_id = ?";
    private static final String USER_OF_EMAIL = "select user_id from auth.account_emails where email = ?";
    private static final String PASSWORD_HASH = "select password_hash from auth.credentials where user_id = ?";
    // the predicate of the partial index credentials_of_earlier_builds, so that the index answers it
    private static final String HASHES_OF_EARLIER_BUILDS = """
            select exists (select 1 from auth.credentials where password_hash not like '$argon2id$%')
            """;

    @Inject
    DataSource dataSource;

    @Inject
    EventStore eventStore;

    @Inject
    SnapshotStore snapshots;

    private EventSourcedRepository<Account, AccountEvent> accounts;

    @PostConstruct
    void open() {
        // every sign-in appends to the account: a snapshot keeps the next one from replaying them all; schema 2
        // lists the open sessions oldest first, as the limit on them needs
        accounts = EventSourcedRepository.of(eventStore, "account", AccountEvent.class, Account::toReplay)
                .withSnapshots(snapshots, new SnapshotSettings<>(Account.Snapshot.class, 2, SNAPSHOT_EVERY));
    }

    /** The account streams. */
    public EventSourcedRepository<Account, AccountEvent> accounts() {
        return accounts;
    }

    /** Claims {@code email} for {@code userId}; false when another account has it. */
    public boolean reserveEmail(EmailAddress email, UUID userId) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement reserve = db.prepareStatement(RESERVE_EMAIL)) {
            reserve.setString(1, email.value());
            reserve.setObject(2, userId);
            return reserve.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reserve an email address", e);
        }
    }

    /** The account that has {@code email}, if any. */
    public Optional<UUID> userIdOf(EmailAddress email) {
        return single(USER_OF_EMAIL, email.value(), UUID.class);
    }

    /** The stored password hash of the account {@code userId}, if it has one. */
    public Optional<String> passwordHashOf(UUID userId) {
        return single(PASSWORD_HASH, userId, String.class);
    }

    /** Keeps the password hash of a new account. */
    public void storeCredentials(UUID userId, String passwordHash) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement store = db.prepareStatement(STORE_CREDENTIALS)) {
            store.setObject(1, userId);
            store.setString(2, passwordHash);
            store.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the credentials of " + userId, e);
        }
    }

    /** Replaces the password hash of {@code userId}. */
    public void replacePassword(UUID userId, String passwordHash) {
        if (Statements.update(dataSource, "replace the password of " + userId, REPLACE_PASSWORD, passwordHash,
                userId) != 1) {
            throw new NoSuchAccountException(userId);
        }
    }

    /**
     * Replaces the password hash of {@code userId} if it is still {@code checkedHash}, the one the current password
     * was checked against: a reset or another change that came in between wins.
     *
     * @return whether it was replaced
     */
    public boolean replacePasswordIfStill(UUID userId, String checkedHash, String passwordHash) {
        return Statements.update(dataSource, "replace the password of " + userId, REPLACE_CHECKED_PASSWORD,
                passwordHash, userId, checkedHash) == 1;
    }

    /** Whether any password hash made before Argon2id remains. */
    public boolean keepsHashesOfEarlierBuilds() {
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement(HASHES_OF_EARLIER_BUILDS);
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell whether hashes of earlier builds remain", e);
        }
    }

    /**
     * Replaces the hash of {@code userId}'s password with {@code newHash}, made from the same password, if it is
     * still {@code checkedHash}: a change or reset that came in between wins.
     */
    public void rehashPassword(UUID userId, String checkedHash, String newHash) {
        Statements.update(dataSource, "rehash the password of " + userId, REHASH_PASSWORD, newHash, userId,
                checkedHash);
    }

    /** Deletes everything auth keeps about {@code userId} outside the account's stream. */
    public void eraseRecords(UUID userId) {
        for (String delete : ERASE) {
            Statements.update(dataSource, "erase the records of " + userId, delete, userId);
        }
    }

    /** Frees the address of {@code userId}, whose registration did not happen, with its credentials. */
    public void forgetRegistration(UUID userId) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement release = db.prepareStatement(RELEASE_EMAIL);
             PreparedStatement delete = db.prepareStatement(DELETE_CREDENTIALS)) {
            release.setObject(1, userId);
            release.executeUpdate();
            delete.setObject(1, userId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot forget the registration of " + userId, e);
        }
    }

    private <T> Optional<T> single(String query, Object key, Class<T> type) {
        try (Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(query)) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, type)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the auth schema", e);
        }
    }
}
