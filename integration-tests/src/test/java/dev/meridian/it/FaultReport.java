package dev.meridian.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code integration-tests/target/fault-report.md}: one row per fault scenario, as the fault tests measured it, the
 * source of the README's "Guarantees under faults" table.
 */
final class FaultReport {

    private static final Path FILE = Path.of(TestServer.property("meridian.test.base.dir")).getParent().getParent()
            .resolve("fault-report.md");

    private FaultReport() {
    }

    /** Adds a scenario's row, the table's head first if it is the first. */
    static void row(String scenario, String load, ProbeLoad.Audit audit, String answers, String recovery) {
        if (!Files.exists(FILE)) {
            append("| scenario | load | events | lost | doubled | out of order | answers | recovery |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
        }
        append(String.format("| %s | %s | %d | %d | %d | %d | %s | %s |%n", scenario, load, audit.committed(),
                audit.lost(), audit.doubled(), audit.outOfOrder(), answers, recovery));
    }

    /** A line under the table. */
    static void note(String line) {
        System.out.println(line);
        append(System.lineSeparator() + line + System.lineSeparator());
    }

    private static void append(String text) {
        try {
            Files.writeString(FILE, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
