package dev.meridian.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Makes the tests' token keys before any test, and so before Arquillian starts the server that reads them. */
public class TokenKeysSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestTokens.createKeys();
    }
}
