package dev.meridian.auth.token;

import dev.meridian.eventinfra.store.KeyEncryptionKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.sql.DataSource;

/**
 * The signing keys kept in the auth schema ({@code auth.signing_keys}), shared by every server on the database: the
 * private half wrapped by the {@link KeyEncryptionKey}, so a dump of the database cannot sign a token. A key
 * kept in the clear before keys were wrapped is wrapped at start-up ({@link #wrapKeysKeptInTheClear}); after that
 * a key in the clear is refused, since only someone who can write to the database but has not the key-encryption
 * key would put one there. Ids grow: the newest key is the one with the highest, and two servers that make the next
 * key at once make one, since the id is taken once.
 */
public final class StoredSigningKeys {

    /** NIST SP 800-57's size for RSA keys used until 2030. */
    private static final int KEY_BITS = 2048;
    private static final String ALL = """
            select id, private_key, public_key, kek_id, created_at from auth.signing_keys order by id desc
            """;
    private static final String ADD = """
            insert into auth.signing_keys (id, private_key, public_key, kid, kek_id) values (?, ?, ?, ?, ?)
            on conflict (id) do nothing
            """;
    private static final String IN_THE_CLEAR = """
            select id, private_key, public_key from auth.signing_keys where kek_id is null for update
            """;
    private static final String WRAP = "update auth.signing_keys set private_key = ?, kid = ?, kek_id = ? where id = ?";
    private static final String RETIRE = "delete from auth.signing_keys where id < ?";

    private final DataSource dataSource;
    private final KeyEncryptionKey keyEncryptionKey;

    public StoredSigningKeys(DataSource dataSource, KeyEncryptionKey keyEncryptionKey) {
        this.dataSource = dataSource;
        this.keyEncryptionKey = keyEncryptionKey;
    }

    /**
     * A stored key and its place among the others.
     *
     * @param id  its place: its successor has the next
     * @param key the key
     */
    public record Stored(int id, SigningKey key) {
    }

    /**
     * Every stored key, newest first; the first key is made now if there is none.
     *
     * @throws IllegalStateException when the keys are wrapped by another key-encryption key
     */
    public List<Stored> all() {
        List<Stored> keys = read();
        if (keys.isEmpty()) {
            add(1);
            keys = read();
        }
        return keys;
    }

    /** Makes the key with {@code id}, unless another server made it already. */
    public void add(int id) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            KeyPair made = generator.genKeyPair();
            try (Connection db = dataSource.getConnection(); PreparedStatement add = db.prepareStatement(ADD)) {
                add.setInt(1, id);
                add.setString(2, wrapped(id, made.getPrivate()));
                add.setString(3, SigningKeys.pem("PUBLIC KEY", made.getPublic().getEncoded()));
                add.setString(4, SigningKey.thumbprintOf(made.getPublic()));
                add.setString(5, keyEncryptionKey.id());
                add.executeUpdate();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make a signing key", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot keep a new signing key", e);
        }
    }

    /** Deletes the keys older than the one with {@code id}: no token they signed is valid any more. */
    public void retireBefore(int id) {
        try (Connection db = dataSource.getConnection(); PreparedStatement retire = db.prepareStatement(RETIRE)) {
            retire.setInt(1, id);
            retire.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot retire old signing keys", e);
        }
    }

    private List<Stored> read() {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(ALL);
             ResultSet rows = query.executeQuery()) {
            List<Stored> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(new Stored(rows.getInt(1), keyIn(rows)));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the JWT signing keys", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The stored JWT signing keys are unreadable", e);
        }
    }

    /** Wraps the keys kept in the clear before keys were wrapped; run once at start-up, before any is read. */
    public void wrapKeysKeptInTheClear() {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement query = db.prepareStatement(IN_THE_CLEAR); ResultSet rows = query.executeQuery();
                 PreparedStatement wrap = db.prepareStatement(WRAP)) {
                while (rows.next()) {
                    KeyPair pair = SigningKeys.pair(rows.getString(2), rows.getString(3));
                    wrap.setString(1, wrapped(rows.getInt(1), pair.getPrivate()));
                    wrap.setString(2, SigningKey.thumbprintOf(pair.getPublic()));
                    wrap.setString(3, keyEncryptionKey.id());
                    wrap.setInt(4, rows.getInt(1));
                    wrap.executeUpdate();
                }
                db.commit();
            } catch (SQLException | GeneralSecurityException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot wrap the JWT signing keys", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A JWT signing key kept in the clear is unreadable", e);
        }
    }

    private SigningKey keyIn(ResultSet row) throws SQLException, GeneralSecurityException {
        int id = row.getInt(1);
        String wrappedBy = row.getString(4);
        if (wrappedBy == null) {
            throw new IllegalStateException("JWT signing key " + id + " is not wrapped by the key-encryption key:"
                    + " Meridian did not write it");
        }
        keyEncryptionKey.checkWrapped(List.of(wrappedBy), "The JWT signing keys (auth.signing_keys)");
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                SigningKeys.derOf(row.getString(3), "PUBLIC KEY")));
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                keyEncryptionKey.unwrap(Base64.getDecoder().decode(row.getString(2)), context(id))));
        return SigningKey.of(privateKey, publicKey, row.getTimestamp(5).toInstant());
    }

    private String wrapped(int id, PrivateKey privateKey) {
        return Base64.getEncoder().encodeToString(keyEncryptionKey.wrap(privateKey.getEncoded(), context(id)));
    }

    private static String context(int id) {
        return "jwt signing key " + id;
    }
}
