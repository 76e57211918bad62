package dev.meridian.eventinfra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.eventinfra.api.DomainEvent;
import dev.meridian.eventinfra.api.EventType;
import dev.meridian.eventinfra.store.TestEvents.ItemAdded;
import dev.meridian.eventinfra.store.TestEvents.ItemRemoved;
import java.util.List;
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
    void keepsSeveralVersionsOfOneName() {
        EventTypeRegistry registry = EventTypeRegistry.of(List.of(TestEvents.class, ItemAddedV2.class));

        assertThat(registry.classOf("test.ItemAdded", 2)).contains(ItemAddedV2.class);
        assertThat(registry.typeOf(new ItemAddedV2("a", 1, "kg")).version()).isEqualTo(2);
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
