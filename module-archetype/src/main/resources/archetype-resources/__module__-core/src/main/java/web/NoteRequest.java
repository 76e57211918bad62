package ${package}.web;

/** The body of {@code POST notes}. */
public record NoteRequest(String text) {
}
