package dev.tandem.server.ledger.fact;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * When the company became aware of the incident was set after it was opened, or corrected
 * ({@code incident.awareness-set}): the new time, the one it replaces (null when the incident had
 * none) and why. Public, as the awareness in {@code incident.opened} is: every deadline runs from it.
 */
public record IncidentAwarenessSet(
        String incident, Instant awareAt, @Nullable Instant previous, String reason) implements Fact {
    @Override
    public String type() {
        return "incident.awareness-set";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("awareAt", awareAt.toString());
        body.put("previous", previous == null ? null : previous.toString());
        body.put("reason", reason);
        return body;
    }

    /** The GDPR Art. 33(1) period, which runs from awareness. */
    public static final java.time.Duration ART33 = java.time.Duration.ofHours(72);

    /**
     * The warning an {@code incident.awareness-set} body earns when it moves awareness later (so
     * every deadline that runs from it later), in words with {@code show} for times; empty otherwise.
     */
    public static java.util.Optional<String> movedLater(
            tools.jackson.databind.JsonNode body, java.util.function.Function<Instant, String> show) {
        Instant to = instant(body.path("awareAt").asString(""));
        Instant from = instant(body.path("previous").asString(""));
        if (to == null || from == null || !to.isAfter(from)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("awareness moved LATER by " + hours(java.time.Duration.between(from, to))
                + ": the 72-hour deadline (GDPR Art. 33(1)) moved from " + show.apply(from.plus(ART33)) + " to "
                + show.apply(to.plus(ART33)) + ", and every other deadline that runs from awareness with it");
    }

    private static @Nullable Instant instant(String s) {
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String hours(java.time.Duration d) {
        long minutes = d.toMinutes();
        return minutes % 60 == 0 ? (minutes / 60) + " h" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
