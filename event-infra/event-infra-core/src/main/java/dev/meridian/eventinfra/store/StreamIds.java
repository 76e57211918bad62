package dev.meridian.eventinfra.store;

import org.apiguardian.api.API;
/**
 * Stream ids name a category and an entity, {@code <category>-<id>} (for example {@code account-0b7c...}); the
 * category lets readers follow every stream of one kind.
 */
@API(status = API.Status.STABLE)
public final class StreamIds {

    private static final int MAX_LENGTH = 200;

    private StreamIds() {
    }

    /** The stream id of entity {@code id} in {@code category}. */
    public static String of(String category, Object id) {
        return requireValid(requireValidCategory(category) + "-" + id);
    }

    /** {@code category} if it can name a stream category: not blank, no '-'. */
    public static String requireValidCategory(String category) {
        if (category.isBlank() || category.contains("-")) {
            throw new IllegalArgumentException("A stream category is a non-blank word without '-', not '" + category
                    + "'");
        }
        return category;
    }

    /** The category of {@code streamId}: the part before its first '-'. */
    public static String categoryOf(String streamId) {
        return streamId.substring(0, streamId.indexOf('-'));
    }

    static String requireValid(String streamId) {
        int dash = streamId.indexOf('-');
        if (dash <= 0 || dash == streamId.length() - 1 || streamId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A stream id is <category>-<id> of at most " + MAX_LENGTH
                    + " characters, not '" + streamId + "'");
        }
        return streamId;
    }
}
