package dev.tandem.server.incident;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How the caller asked to read the timeline ({@code GET …/timeline}): the time to order by, and
 * filters. A bad parameter is a 400 naming it.
 *
 * @param kinds people's entry kinds to keep
 * @param types entry types to keep (with {@code kinds}: an entry matching either is kept; both
 *     empty: every entry)
 * @param since inclusive, on the time the timeline is ordered by
 * @param until exclusive, on the same time
 * @param repository FORENSIC: privileged entries only; AUDIT: the others
 */
public record TimelineQuery(
        Order order,
        Set<EntryKind> kinds,
        Set<String> types,
        @Nullable String actor,
        @Nullable Instant since,
        @Nullable Instant until,
        @Nullable Repository repository) {

    /**
     * The three times of docs/contracts.md §2. Entries without a claimed time (system entries, and
     * people's entries that claim none) are ordered by their {@code at}.
     */
    public enum Order {
        AT("at"),
        EVENT_AT("eventAt"),
        DISCOVERED_AT("discoveredAt");

        private final String parameter;

        Order(String parameter) {
            this.parameter = parameter;
        }
    }

    public static final TimelineQuery ALL = new TimelineQuery(Order.AT, Set.of(), Set.of(), null, null, null, null);

    public static TimelineQuery parse(
            @Nullable String order,
            @Nullable List<String> kind,
            @Nullable String actor,
            @Nullable String since,
            @Nullable String until,
            @Nullable String repository) {
        Order o = Order.AT;
        if (order != null) {
            o = null;
            for (Order candidate : Order.values()) {
                if (candidate.parameter.equals(order.strip())) {
                    o = candidate;
                }
            }
            if (o == null) {
                throw DomainException.badRequest(
                        "bad-order", "order: must be at, eventAt or discoveredAt, got " + order);
            }
        }
        Set<EntryKind> kinds = EnumSet.noneOf(EntryKind.class);
        Set<String> types = new TreeSet<>();
        for (String values : kind == null ? List.<String>of() : kind) {
            for (String v : values.split(",")) {
                String value = v.strip();
                if (value.isEmpty()) {
                    continue;
                }
                if (TimelineText.TYPES.contains(value)) {
                    types.add(value);
                } else {
                    kinds.add(EntryKind.parse(value)
                            .orElseThrow(() -> DomainException.badRequest(
                                    "bad-kind",
                                    "kind: must be an entry kind " + List.of(EntryKind.values())
                                            + " or an entry type such as evidence.added, got " + value)));
                }
            }
        }
        Repository r = null;
        if (repository != null) {
            try {
                r = Repository.valueOf(repository.strip());
            } catch (IllegalArgumentException e) {
                throw DomainException.badRequest(
                        "bad-repository", "repository: must be AUDIT or FORENSIC, got " + repository);
            }
        }
        Instant from = time("since", since);
        Instant to = time("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw DomainException.badRequest("bad-until", "until: " + to + " is not after since " + from);
        }
        String who = actor == null || actor.isBlank() ? null : actor.strip();
        return new TimelineQuery(o, kinds, types, who, from, to, r);
    }

    private static @Nullable Instant time(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            // an unencoded "+01:00" in a query string arrives as " 01:00"
            return OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeException e) {
            throw DomainException.badRequest(
                    "bad-" + name, name + ": must be an RFC 3339 time with an offset, got " + value);
        }
    }
}
