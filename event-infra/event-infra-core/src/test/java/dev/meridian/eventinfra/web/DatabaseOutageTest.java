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

        assertThat(DatabaseOutage.causedBy(failure)).isTrue();
    }

    @Test
    void aServerShuttingDownOrStartingIsAnOutage() {
        assertThat(DatabaseOutage.causedBy(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
    }

    @Test
    void aPoolThatCannotOpenAConnectionIsAnOutage() {
        RollbackException failure = new RollbackException("commit failed");
        failure.initCause(new SQLException("IJ031013: Unable to get managed connection",
                new ResourceException("IJ000453: Unable to get managed connection")));

        assertThat(DatabaseOutage.causedBy(failure)).isTrue();
    }

    @Test
    void aCommitThatLostItsConnectionIsAnOutage() {
        HeuristicMixedException failure = new HeuristicMixedException();
        failure.addSuppressed(new IllegalStateException("IJ001156: Could not commit local transaction",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(DatabaseOutage.causedBy(failure)).isTrue();
    }

    @Test
    void anyOtherDatabaseErrorIsNot() {
        assertThat(DatabaseOutage.causedBy(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new SQLException("no state"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalArgumentException("bad input"))).isFalse();
    }
}
