package dev.meridian.eventinfra.sourcing;

import dev.meridian.eventinfra.api.AggregateRoot;
import dev.meridian.eventinfra.api.Snapshotable;
import dev.meridian.eventinfra.store.TestEvents;
import dev.meridian.eventinfra.store.TestEvents.ItemAdded;
import dev.meridian.eventinfra.store.TestEvents.ItemRemoved;
import java.util.Map;
import java.util.TreeMap;

/** A shopping cart, the aggregate of the repository's tests. */
final class Cart extends AggregateRoot<TestEvents> implements Snapshotable<Cart.State> {

    /** The whole state of a cart. */
    public record State(Map<String, Integer> items) {
    }

    private final Map<String, Integer> items = new TreeMap<>();

    void add(String item, int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("A quantity is positive");
        }
        record(new ItemAdded(item, quantity));
    }

    void remove(String item) {
        if (!items.containsKey(item)) {
            throw new IllegalStateException(item + " is not in the cart");
        }
        record(new ItemRemoved(item));
    }

    Map<String, Integer> items() {
        return Map.copyOf(items);
    }

    @Override
    protected void apply(TestEvents event) {
        if (event instanceof ItemAdded added) {
            items.merge(added.item(), added.quantity(), Integer::sum);
        } else if (event instanceof ItemRemoved removed) {
            items.remove(removed.item());
        }
    }

    @Override
    public State snapshot() {
        return new State(new TreeMap<>(items));
    }

    @Override
    public void restore(State snapshot) {
        items.putAll(snapshot.items());
    }
}
