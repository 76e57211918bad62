package dev.meridian.eventinfra.testing;

import dev.meridian.eventinfra.api.AggregateRoot;
import dev.meridian.eventinfra.api.DomainEvent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An aggregate's behaviour as a specification, without container or database:
 * <pre>{@code
 * AggregateScenario.given(Account::new, new AccountOpened(id, email))
 *         .when(account -> account.disable("fraud"))
 *         .thenRecorded(new AccountDisabled(id, "fraud"));
 * }</pre>
 *
 * @param <A> the aggregate
 * @param <E> its event family
 */
public final class AggregateScenario<A extends AggregateRoot<E>, E extends DomainEvent> {

    private final A aggregate;

    private AggregateScenario(A aggregate) {
        this.aggregate = aggregate;
    }

    /** A new aggregate that has already lived through {@code history}, oldest first. */
    @SafeVarargs
    public static <A extends AggregateRoot<E>, E extends DomainEvent> AggregateScenario<A, E> given(
            Supplier<A> newAggregate, E... history) {
        A aggregate = newAggregate.get();
        for (int i = 0; i < history.length; i++) {
            aggregate.replay(history[i], i + 1L);
        }
        return new AggregateScenario<>(aggregate);
    }

    /** Runs {@code command} on the aggregate; what it records or throws is checked by the returned outcome. */
    public Outcome<A, E> when(Consumer<A> command) {
        try {
            command.accept(aggregate);
            return new Outcome<>(aggregate, aggregate.recordedEvents(), null);
        } catch (RuntimeException refusal) {
            return new Outcome<>(aggregate, aggregate.recordedEvents(), refusal);
        }
    }

    /**
     * What a command did.
     *
     * @param <A> the aggregate
     * @param <E> its event family
     */
    public static final class Outcome<A extends AggregateRoot<E>, E extends DomainEvent> {

        private final A aggregate;
        private final List<E> recorded;
        private final RuntimeException refusal;

        private Outcome(A aggregate, List<E> recorded, RuntimeException refusal) {
            this.aggregate = aggregate;
            this.recorded = recorded;
            this.refusal = refusal;
        }

        /** The command succeeded and recorded exactly these events, in this order; returns the aggregate. */
        @SafeVarargs
        @SuppressWarnings("varargs") // the array is copied into a list and never escapes
        public final A thenRecorded(E... expected) {
            List<E> expectedEvents = Arrays.asList(expected.clone());
            if (refusal != null) {
                throw new AssertionError("Expected the events " + expectedEvents + " but the command failed with "
                        + refusal, refusal);
            }
            if (!recorded.equals(expectedEvents)) {
                throw new AssertionError("Expected the events " + expectedEvents + " but got " + recorded);
            }
            return aggregate;
        }

        /** The command succeeded and decided that nothing happened (an idempotent repeat, say). */
        public A thenRecordedNothing() {
            return thenRecorded();
        }

        /** The command was refused with {@code type}, recording nothing; returns the exception to check further. */
        public <X extends RuntimeException> X thenRefused(Class<X> type) {
            if (refusal == null) {
                throw new AssertionError("Expected " + type.getSimpleName() + " but the command recorded " + recorded);
            }
            if (!type.isInstance(refusal)) {
                throw new AssertionError("Expected " + type.getSimpleName() + " but the command failed with "
                        + refusal, refusal);
            }
            if (!recorded.isEmpty()) {
                throw new AssertionError("A refused command must record nothing, but it recorded " + recorded);
            }
            return type.cast(refusal);
        }
    }
}
