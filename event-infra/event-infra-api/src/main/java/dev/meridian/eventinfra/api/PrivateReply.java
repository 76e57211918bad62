package dev.meridian.eventinfra.api;

/**
 * A module replied to another module's request with something that must not travel as an event: an event is kept
 * for good and published on a topic. The reply's content waits in event-infra ({@code PrivateReplies}) until the
 * requester takes it; this event, the only one of the stream {@code <module>reply-<requestId>}, only says it is
 * there and carries no personal data. The requester observes every event of this kind whatever module publishes it
 * (the module is the first part of the event's name); a data export's answers are the first such replies.
 */
public interface PrivateReply extends DomainEvent {
}
