package dev.meridian.eventinfra.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.resource.ResourceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    @Test
    void aConnectionFailureDeepInTheCausesIsAnOutage() {
        Exception failure = new IllegalStateException("append failed",
                new RuntimeException(new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(DatabaseOutage.causeIn(failure)).isPresent();
    }

    @Test
    void aServerShuttingDownOrStartingIsAnOutage() {
        assertThat(DatabaseOutage.causeIn(new SQLException("terminating connection", "57P01"))).isPresent();
        assertThat(DatabaseOutage.causeIn(new SQLException("the database system is starting up", "57P03")))
                .isPresent();
    }

    @Test
    void aPoolThatCannotOpenAConnectionIsAnOutage() {
        RollbackException failure = new RollbackException("commit failed");
        failure.initCause(new SQLException("IJ031013: Unable to get managed connection",
                new ResourceException("IJ000453: Unable to get managed connection")));

        assertThat(DatabaseOutage.causeIn(failure)).isPresent();
    }

    @Test
    void aCommitThatLostItsConnectionIsAnOutage() {
        HeuristicMixedException failure = new HeuristicMixedException();
        failure.addSuppressed(new IllegalStateException("IJ001156: Could not commit local transaction",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(DatabaseOutage.causeIn(failure)).isPresent();
    }

    @Test
    void anyOtherDatabaseErrorIsNot() {
        assertThat(DatabaseOutage.causeIn(new SQLException("duplicate key value", "23505"))).isEmpty();
        assertThat(DatabaseOutage.causeIn(new SQLException("no state"))).isEmpty();
        assertThat(DatabaseOutage.causeIn(new IllegalArgumentException("bad input"))).isEmpty();
    }
}
