package dev.meridian.eventinfra.testing;

import static dev.meridian.eventinfra.testing.ProjectionScenario.at;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventEnvelope;
import dev.meridian.eventinfra.jdbc.Statements;
import dev.meridian.eventinfra.projection.Projection;
import dev.meridian.eventinfra.testing.Greetings.Greeted;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProjectionScenarioTest {

    private static final String GREETINGS = "select who, count from greetings order by who";

    @RegisterExtension
    static final ModuleDatabase DATABASE = ModuleDatabase.empty();

    @BeforeEach
    void createTheReadModel() {
        Statements.update(DATABASE.dataSource(), "create the test's read model",
                "create table if not exists greetings (who text primary key, count bigint not null)");
    }

    @Test
    void specifiesTheReadModelAndThatARebuildMakesTheSame() {
        ProjectionScenario.of(new GreetingCounts(), DATABASE.dataSource())
                .given(at("2026-12-01T10:00:00Z", new Greeted("Ada", "warmly")),
                        at("2026-12-01T10:01:00Z", new Greeted("Grace", "briefly")),
                        at("2026-12-01T10:02:00Z", new Greeted("Ada", "again")))
                .thenRows(GREETINGS, "Ada|2", "Grace|1")
                .andAgainWhenRebuiltOneEventABatch();
    }

    @Test
    void reportsOtherRowsAsAFailure() {
        assertThatThrownBy(() -> ProjectionScenario.of(new GreetingCounts(), DATABASE.dataSource())
                .given(at("2026-12-01T10:00:00Z", new Greeted("Ada", "warmly")))
                .thenRows(GREETINGS, "Ada|2"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[Ada|2]").hasMessageContaining("[Ada|1]");
    }

    @Test
    void catchesAProjectionWhoseRowsDependOnWhereItsBatchesEnd() {
        ProjectionScenario.Outcome outcome = ProjectionScenario.of(new GreetingBatches(), DATABASE.dataSource())
                .given(at("2026-12-01T10:00:00Z", new Greeted("Ada", "warmly")),
                        at("2026-12-01T10:01:00Z", new Greeted("Ada", "again")))
                .thenRows(GREETINGS, "Ada|1");

        assertThatThrownBy(outcome::andAgainWhenRebuiltOneEventABatch)
                .isInstanceOf(AssertionError.class).hasMessageContaining("[Ada|2]");
    }

    @Test
    void refusesAProjectionThatInjectsMoreThanADataSource() {
        assertThatThrownBy(() -> ProjectionScenario.of(new NeedsAClock(), DATABASE.dataSource()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Clock");
    }

    /** Greetings per person, one upsert per event. */
    static class GreetingCounts implements Projection {

        @Inject
        DataSource dataSource;

        @Override
        public String name() {
            return "greeting-counts";
        }

        @Override
        public Set<Class<? extends DomainEvent>> eventTypes() {
            return Set.of(Greeted.class);
        }

        @Override
        public void apply(List<EventEnvelope<DomainEvent>> events) {
            for (EventEnvelope<DomainEvent> event : events) {
                Statements.update(dataSource, "count a greeting", "insert into greetings values (?, 1) on conflict"
                        + " (who) do update set count = greetings.count + 1", ((Greeted) event.event()).who());
            }
        }

        @Override
        public void reset() {
            Statements.update(dataSource, "forget the greetings", "delete from greetings");
        }
    }

    /** Wrong on purpose: counts the batches a person was greeted in, not the greetings. */
    static class GreetingBatches extends GreetingCounts {

        @Override
        public void apply(List<EventEnvelope<DomainEvent>> events) {
            events.stream().map(event -> ((Greeted) event.event()).who()).distinct().forEach(who ->
                    Statements.update(dataSource, "count a batch", "insert into greetings values (?, 1) on conflict"
                            + " (who) do update set count = greetings.count + 1", who));
        }
    }

    /** Injects what a scenario cannot give. */
    static class NeedsAClock extends GreetingCounts {

        @Inject
        Clock clock;
    }
}
