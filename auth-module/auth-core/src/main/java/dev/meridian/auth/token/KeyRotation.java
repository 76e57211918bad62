package dev.meridian.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the stored signing keys change: the next key is made {@code rotation} after the newest, it signs from
 * {@code publicationLead} after it was made (every verifier has fetched it by then), and the keys before the one
 * that signs are deleted once it has signed for longer than a token lives plus a minute for clocks, since every
 * token they signed has expired. The very first key signs at once: no verifier can know a key before it.
 */
final class KeyRotation {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final StoredSigningKeys stored;
    private final Clock clock;
    private final Duration rotation;
    private final Duration publicationLead;
    private final Duration tokenLifetime;
    private volatile List<StoredSigningKeys.Stored> keys;

    KeyRotation(StoredSigningKeys stored, Clock clock, Duration rotation, Duration publicationLead,
                Duration tokenLifetime) {
        if (publicationLead.compareTo(rotation) >= 0) {
            throw new IllegalArgumentException("meridian.jwt.key-publication-lead (" + publicationLead
                    + ") must be shorter than meridian.jwt.key-rotation (" + rotation + ")");
        }
        this.stored = stored;
        this.clock = clock;
        this.rotation = rotation;
        this.publicationLead = publicationLead;
        this.tokenLifetime = tokenLifetime;
    }

    /**
     * Reads the keys, makes the next one when it is due and deletes those no valid token was signed with. Until it
     * has read them, the keys read before stay in use.
     */
    void refresh() {
        Instant now = clock.instant();
        List<StoredSigningKeys.Stored> read = stored.all();
        StoredSigningKeys.Stored newest = read.get(0);
        if (!now.isBefore(newest.key().createdAt().plus(rotation))) {
            stored.add(newest.id() + 1);
            read = stored.all();
        }
        StoredSigningKeys.Stored current = currentOf(read);
        Instant signingSince = current.key().createdAt().plus(publicationLead);
        if (current != read.get(read.size() - 1) && now.isAfter(signingSince.plus(tokenLifetime).plus(CLOCK_SKEW))) {
            stored.retireBefore(current.id());
            read = stored.all();
        }
        keys = read;
    }

    /** The key that signs: the newest one published for longer than the lead, or the only one. */
    StoredSigningKeys.Stored current() {
        return currentOf(keys);
    }

    private StoredSigningKeys.Stored currentOf(List<StoredSigningKeys.Stored> read) {
        Instant publishedBefore = clock.instant().minus(publicationLead);
        return read.stream().filter(key -> !key.key().createdAt().isAfter(publishedBefore)).findFirst()
                .orElse(read.get(read.size() - 1));
    }

    /** Every key as last read, newest first. */
    List<StoredSigningKeys.Stored> keys() {
        return keys;
    }
}
