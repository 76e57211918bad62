package dev.meridian.auth.command;

/**
 * Create the administrator's account the configuration names, unless an account has that address already.
 *
 * @param email    the address as configured
 * @param password the password as configured
 */
public record CreateAdminAccount(String email, String password) {

    @Override
    public String toString() {
        // a command can end up in a log line; the password must not
        return "CreateAdminAccount[email=" + email + "]";
    }
}
