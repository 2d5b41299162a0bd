package dev.tandem.server.regulation;

import dev.tandem.regulation.DataCategory;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The scope that drives the regulatory clock, checked against the incident's own findings and PII
 * scans (docs/obligations-api.md, "Scope checks"). The scope is a person's statement; the findings
 * and scans are what the evidence shows. Where they disagree the obligations, the incident report
 * and the GDPR Art. 33 draft say so, so that nobody signs a notice resting on a scope the record
 * contradicts. Plain Java: the caller passes only the findings and scans its reader may see.
 */
public final class ScopeCheck {
    private ScopeCheck() {}

    /** The categories the PII scanner can find ({@link DataCategory#ofScannerEntities}); others it cannot tell. */
    static final Set<DataCategory> SCANNABLE = EnumSet.of(
            DataCategory.CONTACT,
            DataCategory.PAYMENT_CARD,
            DataCategory.FINANCIAL_ACCOUNT,
            DataCategory.GOVERNMENT_ID,
            DataCategory.DATE_OF_BIRTH);

    /** The leak path that is an outsider's access when it comes with failed logins or a new address. */
    static final String ADMIN_EXTRACTION = "ADMIN_SESSION_BULK_EXTRACTION";

    /**
     * Patterns whose evidence is a Setup download (a login, a permission change) rather than a leak
     * path of their own (docs/contracts.md §4): they never count as separate leak paths.
     */
    static final Set<String> NOT_LEAK_PATHS = Set.of("SUSPICIOUS_LOGIN", "DATA_ACCESS_GRANT");

    /** How an analyzer dates what it saw in a finding's title ({@code 2026-12-04 03:11 UTC}). */
    private static final Pattern TITLE_TIME = Pattern.compile("(?<!\\d)(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d) UTC");

    private static final DateTimeFormatter TITLE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /**
     * A leak finding as the check needs it.
     *
     * @param records the records it counts, null when the evidence cannot tell
     * @param at when what it saw happened, if its title dates it ({@link #timeIn}); null otherwise
     */
    public record Finding(
            String id,
            String pattern,
            String title,
            @Nullable Long records,
            @Nullable Instant at) {

        /** A finding dated by its title, as the analyzers write it. */
        public static Finding of(String id, String pattern, String title, @Nullable Long records) {
            return new Finding(id, pattern, title, records, timeIn(title));
        }
    }

    /**
     * A PII scan of one evidence item as the check needs it.
     *
     * @param evidence the item's name, to say where something was found
     * @param found the data categories the scan found
     * @param places people per ISO 3166 code the scan placed them in ({@code ZZ}: not placed)
     */
    public record Scan(String evidence, Set<DataCategory> found, Map<String, Long> places) {
        public Scan {
            found = found.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(found));
            places = Map.copyOf(places);
        }
    }

    /**
     * What is checked: the scope, the facts in force and when the breach period starts.
     *
     * @param unauthorizedAccess the facts' {@code unauthorizedAccess}; null when the reader may not
     *     see the facts (a sealed {@code incident.facts-set}): not checked then
     */
    public record Subject(
            Map<String, Long> people,
            Set<DataCategory> data,
            @Nullable Boolean unauthorizedAccess,
            @Nullable Instant occurredFrom) {
        public Subject {
            people = Map.copyOf(people);
            data = data.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(data));
        }
    }

    /**
     * One disagreement.
     *
     * @param check its kind, stable for tools: {@code records-above-people}, {@code category-not-found},
     *     {@code category-not-in-scope}, {@code place-not-in-scope}, {@code place-less-precise},
     *     {@code finding-before-period}, {@code unauthorized-access}, {@code separate-leak-paths}
     * @param message what disagrees and what to check, in plain words
     * @param findings the findings it rests on, by id
     */
    public record Warning(String check, String message, List<String> findings) {
        public Warning {
            findings = List.copyOf(findings);
        }
    }

    /** Every disagreement between {@code subject} and what the findings and scans show, in a fixed order. */
    public static List<Warning> check(Subject subject, List<Finding> findings, List<Scan> scans) {
        List<Warning> out = new ArrayList<>();
        long people =
                subject.people().values().stream().mapToLong(Long::longValue).sum();
        largest(findings).ifPresent(f -> {
            if (f.records() > people) {
                out.add(new Warning(
                        "records-above-people",
                        "The findings count " + n(f.records()) + " records (\"" + f.title() + "\"), more than the "
                                + n(people) + " people in the scope: check who is in those records before relying"
                                + " on the scope's numbers (GDPR Art. 33(3)(a) asks for the number of people and of"
                                + " records).",
                        List.of(f.id())));
            }
        });
        if (!scans.isEmpty()) {
            Set<DataCategory> found = EnumSet.noneOf(DataCategory.class);
            scans.forEach(s -> found.addAll(s.found()));
            Set<DataCategory> notFound = EnumSet.noneOf(DataCategory.class);
            for (DataCategory c : subject.data()) {
                if (SCANNABLE.contains(c) && !found.contains(c)) notFound.add(c);
            }
            if (!notFound.isEmpty()) {
                out.add(new Warning(
                        "category-not-found",
                        "The scope lists " + names(notFound) + ", which no PII scan of the evidence found (the "
                                + count(scans.size(), "scan") + " found " + (found.isEmpty() ? "nothing" : names(found))
                                + "): the categories decide which laws and notices apply (card data: PCI DSS and"
                                + " the card brands); check what the scope rests on.",
                        List.of()));
            }
            Set<DataCategory> missing = EnumSet.noneOf(DataCategory.class);
            for (DataCategory c : found) {
                if (!subject.data().contains(c)) missing.add(c);
            }
            if (!missing.isEmpty()) {
                out.add(new Warning(
                        "category-not-in-scope",
                        "PII scans found " + names(missing) + " (in " + where(scans, missing) + "), which the scope"
                                + " does not list.",
                        List.of()));
            }
            places(subject, scans, out);
        }
        if (subject.occurredFrom() != null) {
            // one warning for all of them, the earliest quoted: a Setup download can date many findings
            List<Finding> before = findings.stream()
                    .filter(f -> f.at() != null && f.at().isBefore(subject.occurredFrom()))
                    .toList();
            if (!before.isEmpty()) {
                Finding first =
                        before.stream().min(Comparator.comparing(Finding::at)).orElseThrow();
                String dated = "\"" + first.title() + "\" is dated "
                        + TITLE_FORMAT.format(first.at().atOffset(ZoneOffset.UTC)) + " UTC";
                String period = "before the breach period starts (" + subject.occurredFrom() + ")";
                out.add(new Warning(
                        "finding-before-period",
                        (before.size() == 1
                                        ? "The finding " + dated + ", " + period
                                        : n(before.size()) + " findings are dated " + period + "; the earliest, "
                                                + dated)
                                + ": check when the breach occurred.",
                        before.stream().map(Finding::id).toList()));
            }
        }
        if (Boolean.FALSE.equals(subject.unauthorizedAccess())) {
            List<Finding> extraction = findings.stream()
                    .filter(f -> f.pattern().equals(ADMIN_EXTRACTION))
                    .toList();
            if (!extraction.isEmpty()) {
                out.add(new Warning(
                        "unauthorized-access",
                        "The findings show an administrator session's bulk extraction (\""
                                + extraction.getFirst().title()
                                + "\"), but the incident facts say there was no unauthorized access: set the facts"
                                + " if it was an outsider's (some laws owe a notice whatever the size then, e.g."
                                + " APPI Art. 26, PIPA Art. 34).",
                        extraction.stream().map(Finding::id).toList()));
            }
        }
        Map<String, List<Finding>> byPath = new TreeMap<>();
        findings.stream()
                .filter(f -> !NOT_LEAK_PATHS.contains(f.pattern()))
                .forEach(f -> byPath.computeIfAbsent(f.pattern(), k -> new ArrayList<>())
                        .add(f));
        if (byPath.size() > 1) {
            out.add(new Warning(
                    "separate-leak-paths",
                    "The findings show " + byPath.size() + " separate leak paths (" + String.join(", ", byPath.keySet())
                            + ")"
                            + (byPath.containsKey(ADMIN_EXTRACTION) ? ", the administrator extraction among them" : "")
                            + ": each may be a separate breach with its own 72-hour clock from when the company became"
                            + " aware of it (GDPR Art. 33(1)); record whether they are one breach.",
                    findings.stream()
                            .filter(f -> byPath.containsKey(f.pattern()))
                            .map(Finding::id)
                            .toList()));
        }
        return out;
    }

    /** Places the scans found that the scope lacks, or names only less precisely. */
    private static void places(Subject subject, List<Scan> scans, List<Warning> out) {
        Map<String, Long> found = new TreeMap<>();
        scans.forEach(s -> s.places().forEach((k, v) -> found.merge(k, v, Long::sum)));
        List<String> lacking = new ArrayList<>();
        List<String> coarser = new ArrayList<>();
        for (var e : found.entrySet()) {
            String place = e.getKey();
            if (e.getValue() <= 0 || place.equals(dev.tandem.regulation.Subjects.UNKNOWN)) continue;
            Set<String> keys = subject.people().keySet();
            if (keys.contains(place) || keys.stream().anyMatch(k -> place.startsWith(k + "-"))) continue;
            List<String> finer = keys.stream()
                    .filter(k -> k.startsWith(place + "-"))
                    .sorted()
                    .toList();
            if (finer.isEmpty()) {
                lacking.add(place + " (" + n(e.getValue()) + ")");
            } else {
                coarser.add(n(e.getValue()) + " " + (e.getValue() == 1 ? "person" : "people") + " in " + place
                        + " with no subdivision, while the scope counts "
                        + String.join(", ", finer));
            }
        }
        if (!lacking.isEmpty()) {
            out.add(new Warning(
                    "place-not-in-scope",
                    "PII scans placed people in " + String.join(", ", lacking) + ", which the scope lacks.",
                    List.of()));
        }
        if (!coarser.isEmpty()) {
            out.add(new Warning(
                    "place-less-precise",
                    "PII scans placed " + String.join("; ", coarser)
                            + ": check what the subdivisions rest on (state laws follow residence).",
                    List.of()));
        }
    }

    /** The finding that counts the most records, if any counts them. */
    public static Optional<Finding> largest(List<Finding> findings) {
        return findings.stream().filter(f -> f.records() != null).max(Comparator.comparingLong(Finding::records));
    }

    /** When a finding's title dates what it saw ({@code 2026-12-04 03:11 UTC}, the earliest if several); null if it does not. */
    static @Nullable Instant timeIn(String title) {
        Matcher m = TITLE_TIME.matcher(title);
        Instant earliest = null;
        while (m.find()) {
            try {
                Instant t = LocalDateTime.parse(m.group(1), TITLE_FORMAT).toInstant(ZoneOffset.UTC);
                if (earliest == null || t.isBefore(earliest)) earliest = t;
            } catch (DateTimeParseException e) {
                // not a time after all (2026-13-45): not dated
            }
        }
        return earliest;
    }

    private static String where(List<Scan> scans, Set<DataCategory> categories) {
        Set<String> items = new TreeSet<>();
        for (Scan s : scans) {
            if (s.found().stream().anyMatch(categories::contains)) items.add(s.evidence());
        }
        return String.join(", ", items);
    }

    private static String names(Set<DataCategory> categories) {
        return categories.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    static String n(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The warnings' messages as one line each, for texts. */
    static List<String> messages(List<Warning> warnings) {
        return new ArrayList<>(
                new LinkedHashSet<>(warnings.stream().map(Warning::message).toList()));
    }
}
