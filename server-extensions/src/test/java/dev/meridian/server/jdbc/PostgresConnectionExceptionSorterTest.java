package dev.meridian.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresConnectionExceptionSorterTest {

    private final PostgresConnectionExceptionSorter sorter = new PostgresConnectionExceptionSorter();

    @Test
    void countsEveryConnectionFailureAndTheServerEndingTheSessionAsFatal() {
        for (String state : new String[] {"08003", "08006", "08001", "08P01", "25P03", "57P01", "57P02", "57P03"}) {
            assertThat(sorter.isExceptionFatal(new SQLException("gone", state))).as(state).isTrue();
        }
    }

    @Test
    void leavesAConnectionThatOnlyFailedAStatementInThePool() {
        for (String state : new String[] {"23505", "40001", "40P01", "57014", "42P01", "25P02", "25P01", "53300"}) {
            assertThat(sorter.isExceptionFatal(new SQLException("a statement failed", state))).as(state).isFalse();
        }
        assertThat(sorter.isExceptionFatal(new SQLException("no state"))).isFalse();
    }
}
