package dev.meridian.eventinfra.delivery;

/**
 * Which topic carries which events. A module publishes events named {@code <module>.<Event>} on the topic
 * {@code meridian.<module>.events} (API.md), so the name of an event says where to find it.
 */
public final class Topics {

    private Topics() {
    }

    /** The topic of the module that publishes events of {@code type}. */
    public static String topicOf(String type) {
        int dot = type.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("Event type " + type + " is not named <module>.<Event>");
        }
        return topicOfModule(type.substring(0, dot));
    }

    /** The topic a module publishes on. */
    public static String topicOfModule(String module) {
        return "meridian." + module + ".events";
    }

    /** The prefix of the names of the events a module publishes. */
    static String eventPrefixOf(String module) {
        return module + ".";
    }
}
