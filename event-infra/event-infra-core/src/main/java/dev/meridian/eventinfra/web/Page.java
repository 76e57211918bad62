package dev.meridian.eventinfra.web;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A page of a list, as every list of the APIs is answered (API.md, Conventions).
 *
 * @param items      the page's items
 * @param page       its number, from 0
 * @param size       the page size asked for
 * @param total      how many items the whole list has; at least this many when {@code totalExact} is false
 * @param totalExact whether {@code total} was counted to the end: a list that stops counting early says so
 * @param <T>        the item type
 */
@API(status = API.Status.STABLE)
public record Page<T>(List<T> items, int page, int size, long total, boolean totalExact) {

    public Page {
        items = List.copyOf(items);
    }

    /** A page of a list counted to the end. */
    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }

    /** A page of a list that has at least {@code total} items, and likely more. */
    public static <T> Page<T> atLeast(List<T> items, int page, int size, long total) {
        return new Page<>(items, page, size, total, false);
    }
}
