package dev.meridian.eventinfra.web;

import java.util.List;

/**
 * A page of a list, as every list of the APIs is answered (API.md, Conventions).
 *
 * @param items the page's items
 * @param page  its number, from 0
 * @param size  the page size asked for
 * @param total how many items the whole list has
 * @param <T>   the item type
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
