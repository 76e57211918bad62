package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.api.EventUpcaster;
import dev.meridian.eventinfra.store.TestEvents.ItemAdded;
import dev.meridian.eventinfra.store.TestEvents.ItemRemoved;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTypeRegistryTest {

    @EventType(name = "test.ItemAdded")
    record ImpostorItemAdded(String item) implements DomainEvent {
    }

    record Unnamed(String item) implements DomainEvent {
    }

    @EventType(name = "test.NotARecord")
    static final class NotARecord implements DomainEvent {
    }

    @EventType(name = "test.ItemAdded", version = 2)
    record ItemAddedV2(String item, int quantity, String unit) implements DomainEvent {
    }

    @Test
    void registersEveryRecordOfASealedFamilyUnderItsNameAndVersion() {
        EventTypeRegistry registry = EventTypeRegistry.of(List.of(TestEvents.class));

        assertThat(registry.classOf("test.ItemAdded", 1)).contains(ItemAdded.class);
        assertThat(registry.classOf("test.ItemRemoved", 1)).contains(ItemRemoved.class);
        assertThat(registry.typeOf(new ItemRemoved("a")).name()).isEqualTo("test.ItemRemoved");
        assertThat(registry.classOf("test.ItemAdded", 2)).isEmpty();
    }

    @Test
    void keepsSeveralVersionsOfOneNameWhenTheOlderOneUpcasts() {
        EventTypeRegistry registry = EventTypeRegistry.of(List.of(TestEvents.class, ItemAddedV2.class),
                List.of(new AddUnit()));

        assertThat(registry.classOf("test.ItemAdded", 2)).contains(ItemAddedV2.class);
        assertThat(registry.typeOf(new ItemAddedV2("a", 1, "kg")).version()).isEqualTo(2);
        assertThat(registry.newestVersionOf("test.ItemAdded")).contains(2);
    }

    @Test
    void refusesANewerVersionWithoutAnUpcasterFromTheOlderOne() {
        assertThatThrownBy(() -> EventTypeRegistry.of(List.of(TestEvents.class, ItemAddedV2.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.ItemAdded is at version 2, but no upcaster reads version 1");
    }

    @Test
    void refusesAnUpcasterOfAnUnknownEventOrVersion() {
        assertThatThrownBy(() -> EventTypeRegistry.of(List.of(TestEvents.class), List.of(new AddUnit())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but the versions below the newest are 1 to 0");
    }

    /** Reads test.ItemAdded version 1 as version 2. */
    static final class AddUnit implements EventUpcaster {
        @Override
        public String eventType() {
            return "test.ItemAdded";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public Map<String, Object> upcast(Map<String, Object> payload) {
            payload.put("unit", "piece");
            return payload;
        }
    }

    @Test
    void refusesTwoClassesWithTheSameNameAndVersion() {
        assertThatThrownBy(() -> EventTypeRegistry.of(List.of(TestEvents.class, ImpostorItemAdded.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.ItemAdded version 1 is declared by both")
                .hasMessageContaining("ImpostorItemAdded");
    }

    @Test
    void refusesAnEventWithoutAName() {
        assertThatThrownBy(() -> EventTypeRegistry.of(List.of(Unnamed.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no @EventType");
    }

    @Test
    void refusesAnEventThatIsNoRecord() {
        assertThatThrownBy(() -> EventTypeRegistry.of(List.of(NotARecord.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is no record");
    }

    @Test
    void refusesToStoreAnUnregisteredEvent() {
        EventTypeRegistry registry = EventTypeRegistry.of(List.of(TestEvents.class));

        assertThatThrownBy(() -> registry.typeOf(new Unnamed("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a registered event type");
    }
}
