package dev.meridian.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker accounts a server starts with. Nothing is fixed at build time: the server's own account is
 * {@code BROKER_USER} / {@code BROKER_PASSWORD} when they are set, or else a password made on the first start and
 * kept in the data directory, readable by its owner only; an account for outside subscribers exists only when
 * {@code MERIDIAN_SUBSCRIBER_USER} and {@code MERIDIAN_SUBSCRIBER_PASSWORD} name one.
 *
 * @param server     the server's own account, which the server is told through a file only its owner can read
 * @param subscriber the outside subscribers' account, if configured
 */
public record BrokerAccounts(BrokerAccount server, Optional<BrokerAccount> subscriber) {

    static final String BROKER_USER = "BROKER_USER";
    static final String BROKER_PASSWORD = "BROKER_PASSWORD";
    static final String SUBSCRIBER_USER = "MERIDIAN_SUBSCRIBER_USER";
    static final String SUBSCRIBER_PASSWORD = "MERIDIAN_SUBSCRIBER_PASSWORD";
    /** Where a generated password is kept, in the data directory. */
    static final String GENERATED_PASSWORD_FILE = "broker-password";
    private static final String DEFAULT_SERVER_USER = "meridian";
    /** 256 bits, as many as the broker's connections could ever need. */
    private static final int GENERATED_PASSWORD_BYTES = 32;
    private static final String OWNER_ONLY = "rw-------";

    /**
     * The accounts the environment names, with the server's password made and kept in {@code dataDirectory} on
     * the first start if {@code BROKER_PASSWORD} is not set.
     *
     * @param generatePassword whether a missing server password may be made: not for a remote broker, which has its
     *                         own accounts and could not know a password made here
     */
    public static BrokerAccounts from(Map<String, String> environment, Path dataDirectory, boolean generatePassword)
            throws IOException {
        String serverUser = text(environment, BROKER_USER).orElse(DEFAULT_SERVER_USER);
        Optional<String> configuredPassword = text(environment, BROKER_PASSWORD);
        if (configuredPassword.isEmpty() && !generatePassword) {
            throw new IllegalArgumentException(BROKER_PASSWORD + " must be set: it is the password of the account "
                    + serverUser + " on the broker at BROKER_HOST");
        }
        String serverPassword = configuredPassword.isPresent()
                ? configuredPassword.get()
                : keptPassword(dataDirectory.resolve(GENERATED_PASSWORD_FILE));
        Optional<String> subscriberUser = text(environment, SUBSCRIBER_USER);
        Optional<String> subscriberPassword = text(environment, SUBSCRIBER_PASSWORD);
        if (subscriberUser.isPresent() != subscriberPassword.isPresent()) {
            throw new IllegalArgumentException(SUBSCRIBER_USER + " and " + SUBSCRIBER_PASSWORD
                    + " name the outside subscribers' account together: set both or neither");
        }
        if (subscriberUser.isPresent() && subscriberUser.get().equals(serverUser)) {
            throw new IllegalArgumentException(SUBSCRIBER_USER + " must differ from " + BROKER_USER
                    + " (" + serverUser + "): a subscriber may not act as the server");
        }
        return new BrokerAccounts(new BrokerAccount(serverUser, serverPassword, BrokerAccount.SERVER_GROUP),
                subscriberUser.map(user -> new BrokerAccount(user, subscriberPassword.get(),
                        BrokerAccount.SUBSCRIBER_GROUP)));
    }

    /** Every account, to be created on a broker the server runs itself. */
    public List<BrokerAccount> all() {
        List<BrokerAccount> all = new ArrayList<>(List.of(server));
        subscriber.ifPresent(all::add);
        return all;
    }

    /** The system properties that tell the server its own account. */
    public Map<String, String> serverProperties() {
        return Map.of("meridian.broker.user", server.user(), "meridian.broker.password", server.password());
    }

    /**
     * The password kept in {@code file}, made now if there is none. Created with owner-only permissions in one
     * step, so it is never readable by others, not even for a moment.
     */
    private static String keptPassword(Path file) throws IOException {
        if (Files.exists(file)) {
            return readPassword(file);
        }
        Files.createDirectories(file.getParent());
        byte[] random = new byte[GENERATED_PASSWORD_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
        return password;
    }

    private static String readPassword(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no broker password: delete it to have one made again");
        }
        return password;
    }

    private static Optional<String> text(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }
}
