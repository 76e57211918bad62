package dev.meridian.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An account on the broker the server runs (embedded mode): a user of WildFly's application realm, which the
 * messaging subsystem authenticates against, in the group whose rights the server configuration sets.
 *
 * @param user     the name; letters, digits and {@code . _ @ -} only, so it cannot break the realm's files
 * @param password the password
 * @param group    {@link #SERVER_GROUP} or {@link #SUBSCRIBER_GROUP}
 */
public record BrokerAccount(String user, String password, String group) {

    /** Meridian's own account: it relays to the module topics and holds the modules' subscriptions. */
    public static final String SERVER_GROUP = "guest";
    /** Outside subscribers: they may subscribe to the module topics, never send nor touch a module's subscription. */
    public static final String SUBSCRIBER_GROUP = "subscriber";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** The realm name WildFly's {@code ApplicationRealm} hashes its passwords with. */
    private static final String REALM = "ApplicationRealm";
    private static final String USERS_FILE = "application-users.properties";
    private static final String ROLES_FILE = "application-roles.properties";

    public BrokerAccount {
        if (!USER_NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("a broker user name may hold only letters, digits and . _ @ -,"
                    + " at most 64 of them, not '" + user + "'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the broker user " + user + " needs a password");
        }
    }

    /**
     * Adds the account to the application realm's files in {@code configurationDirectory}, as WildFly's
     * {@code add-user.sh -a} would: the password only as the realm's digest of user, realm and password.
     */
    public void addTo(Path configurationDirectory) throws IOException {
        appendOwnerOnly(configurationDirectory.resolve(USERS_FILE), user + "=" + digest());
        appendOwnerOnly(configurationDirectory.resolve(ROLES_FILE), user + "=" + group);
    }

    /** The digest of an operator's password is worth guessing at: nobody but the server's user reads the file. */
    private static void appendOwnerOnly(Path file, String line) throws IOException {
        Files.writeString(file, "\n" + line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file keeps the permissions of the server's directory
        }
    }

    private String digest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((user + ":" + REALM + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has MD5", e);
        }
    }

    @Override
    public String toString() {
        return "BrokerAccount[" + user + " in " + group + "]";
    }
}
