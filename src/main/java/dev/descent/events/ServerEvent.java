package dev.descent.events;

/**
 * One Server-Sent Event.
 *
 * @param id the event's {@code id:}, which a reconnecting client sends back as
 * {@code Last-Event-ID}; {@code null} for none
 * @param name the event's {@code event:} type, e.g. "epoch" or "end"
 * @param data written as JSON in the event's {@code data:} line
 */
public record ServerEvent(String id, String name, Object data) {
}
