package dev.meridian.auth.command;

import dev.meridian.auth.domain.Account;
import dev.meridian.auth.domain.EmailAddress;
import dev.meridian.auth.domain.Role;
import dev.meridian.auth.token.RefreshTokens;
import dev.meridian.auth.token.SessionTokenIssuer;
import dev.meridian.auth.token.SessionTokens;
import dev.meridian.auth.token.Sessions;
import dev.meridian.eventinfra.api.EventMetadata;
import dev.meridian.eventinfra.module.ServerResource;
import dev.meridian.eventinfra.sourcing.ConflictRetries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Signs a person in. Every refusal looks alike to the caller (no account, wrong password, an account that is not
 * active) and costs alike: without an account a password is still verified against a stand-in hash. The account
 * records the attempt either way ({@code UserLoggedIn} or {@code LoginFailed}); several sign-ins to one account at
 * once are each tried again on the account's new version rather than refused. A successful sign-in replaces a
 * password hash made an outdated way (see {@link PasswordHashing}) with a new one of the same password; while
 * hashes of builds before Argon2id remain, every refusal takes as long as verifying one of them. A sign-in to an
 * account with as many sessions open as it may have ends the oldest, refresh tokens and all.
 */
@ApplicationScoped
public class LogInHandler {

    @Inject
    AccountRecords records;

    @Inject
    PasswordHashing hashing;

    @Inject
    SessionTokenIssuer issuer;

    @Inject
    Sessions sessions;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    @ServerResource
    UserTransaction transaction;

    /** The new session's tokens; empty when the sign-in is refused, for whichever reason. */
    public Optional<SessionTokens> handle(LogIn command) {
        Optional<UUID> userId = records.userIdOf(EmailAddress.of(command.email()));
        Optional<String> storedHash = userId.flatMap(records::passwordHashOf);
        // the slow part, outside any transaction: it holds no connection and no lock while it runs
        long verifying = System.nanoTime();
        boolean passwordRight = storedHash.isPresent()
                ? hashing.verify(command.password(), storedHash.get())
                : hashing.verifyForNobody(command.password());
        if (!passwordRight && records.keepsHashesOfEarlierBuilds()) {
            holdUntil(verifying + hashing.earlierBuildsVerification().toNanos());
        }
        if (storedHash.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> newHash = passwordRight && hashing.isOutdated(storedHash.get())
                ? Optional.of(hashing.hash(command.password()))
                : Optional.empty();
        return ConflictRetries.inOwnTransaction(transaction, () -> {
            newHash.ifPresent(hash -> records.rehashPassword(userId.get(), storedHash.get(), hash));
            return signIn(userId.get(), passwordRight, command);
        });
    }

    /**
     * Answers a refusal no sooner than {@code deadline} (a {@link System#nanoTime()}): verifying a hash of an
     * earlier build takes longer than verifying any other, so every refusal takes that long while one remains.
     */
    private static void holdUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Optional<SessionTokens> signIn(UUID userId, boolean passwordRight, LogIn command) {
        Account account = records.accounts().load(userId).orElseThrow(() -> new NoSuchAccountException(userId));
        UUID sessionId = UUID.randomUUID();
        List<UUID> openBefore = account.openSessions();
        if (passwordRight) {
            account.logIn(sessionId, sessions.perAccount());
        } else {
            account.refuseLogIn();
        }
        records.accounts().save(userId, account, new EventMetadata(Optional.of(sessionId), Optional.empty(),
                Optional.of(userId.toString()), Map.of()));
        List<UUID> open = account.openSessions();
        openBefore.stream().filter(session -> !open.contains(session)).forEach(refreshTokens::revokeSession);
        if (!open.contains(sessionId)) {
            return Optional.empty();
        }
        Instant signedInAt = Instant.now();
        sessions.open(sessionId, userId, signedInAt, command.clientAddress(), command.userAgent());
        return Optional.of(issuer.issue(userId, account.email().value(), Role.wireNames(account.roles()),
                sessionId, signedInAt));
    }
}
