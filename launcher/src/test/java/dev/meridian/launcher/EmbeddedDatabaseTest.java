package dev.meridian.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDirectory;

    @Test
    void keepsMeridiansDataAcrossARestart() throws Exception {
        int port = freePort();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, port, true);
             Connection connection = DriverManager.getConnection(database.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("create table kept (value text)");
            statement.execute("insert into kept values ('still here')");
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, port, true);
             Connection connection = DriverManager.getConnection(database.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select value from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
            assertThat(database.jdbcUrl()).contains(":" + port + "/meridian");
        }
    }

    @Test
    void startsEmptyWhenAskedNotToKeepData() throws Exception {
        int port = freePort();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, port, true);
             Connection connection = DriverManager.getConnection(database.jdbcUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("create table forgotten (value text)");
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory, port, false);
             Connection connection = DriverManager.getConnection(database.jdbcUrl());
             ResultSet tables = connection.getMetaData().getTables(null, "public", "forgotten", null)) {
            assertThat(tables.next()).isFalse();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
