package dev.tandem.regulation.notice;

import dev.tandem.regulation.DataCategory;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Drafts the notification of a personal data breach to a supervisory authority with the content
 * GDPR Art. 33(3) asks for at least: (a) nature, categories and approximate numbers of data subjects
 * and records; (b) the DPO or other contact point; (c) likely consequences; (d) measures taken or
 * proposed; and, past 72 hours, the reasons for the delay (Art. 33(1)). UK GDPR Art. 33(1) and (3)
 * ask the same of a notice to the Information Commissioner: one drafter, told which law it cites
 * ({@link Art33Notice}).
 */
public final class Art33NoticeDrafter {
    /** The rule whose obligation a sent GDPR Art. 33 notice files (rule ids may carry a version after '@'). */
    public static final String RULE = Art33Notice.EU_GDPR.rule();

    /** Is {@code ruleId} the rule of the GDPR Art. 33 notice, in any version? */
    public static boolean isRule(String ruleId) {
        return Art33Notice.EU_GDPR.isRule(ruleId);
    }

    private final Art33Notice notice;

    /** The GDPR Art. 33 notice's drafter. */
    public Art33NoticeDrafter() {
        this(Art33Notice.EU_GDPR);
    }

    public Art33NoticeDrafter(Art33Notice notice) {
        this.notice = notice;
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx (VV)", Locale.ROOT);

    /**
     * The start of the breach no more precisely than it is known: "2026-12-05 16:00 +01:00
     * (Europe/Berlin), to the hour", "2026-12-05 (Europe/Berlin), to the day".
     */
    static String atPrecision(Instant at, @org.jspecify.annotations.Nullable String precision, java.time.ZoneId zone) {
        java.time.ZonedDateTime local = at.atZone(zone);
        return switch (precision == null ? "EXACT" : precision) {
            case "MINUTE" -> WHEN.format(local.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)) + ", to the minute";
            case "HOUR" -> WHEN.format(local.truncatedTo(java.time.temporal.ChronoUnit.HOURS)) + ", to the hour";
            case "DAY" -> DAY.format(local) + ", to the day";
            default -> WHEN.format(local);
        };
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd (VV)", Locale.ROOT);

    /**
     * @param authority the supervisory authority addressed, e.g. "Lead supervisory authority (EU)"
     * @param now when the draft is made: past 72 hours after awareness it needs reasons for the delay
     */
    public NoticeDraft draft(IncidentDescription d, String authority, Instant now) {
        List<String> gaps = new ArrayList<>();
        List<NoticeDraft.Section> sections = new ArrayList<>();

        StringBuilder nature = new StringBuilder();
        nature.append(fill(d.nature(), "what happened, how it was found, which systems", gaps))
                .append("\n\n");
        nature.append("- Controller: ")
                .append(fill(d.controller(), "controller's name", gaps))
                .append('\n');
        nature.append("- Became aware: ")
                .append(WHEN.format(d.awareAt().atZone(d.timeZone())))
                .append('\n');
        nature.append("- Period of the breach: ")
                .append(
                        d.occurredFrom() == null
                                ? gap("start of the breach", gaps)
                                : atPrecision(d.occurredFrom(), d.occurredPrecision(), d.timeZone()))
                .append(" to ")
                .append(
                        d.occurredTo() == null
                                ? "ongoing or unknown"
                                : WHEN.format(d.occurredTo().atZone(d.timeZone())))
                .append('\n');
        nature.append("- Categories of data subjects: ")
                .append(
                        d.subjectCategories().isEmpty()
                                ? gap("categories of data subjects", gaps)
                                : String.join(", ", d.subjectCategories()))
                .append('\n');
        nature.append("- Approximate number of data subjects: ")
                .append(
                        d.approxSubjects() == null
                                ? gap("approximate number of data subjects", gaps)
                                : approx(d.approxSubjects()))
                .append('\n');
        nature.append("- Categories of personal data records: ")
                .append(
                        d.dataCategories().isEmpty()
                                ? gap("categories of personal data", gaps)
                                : d.dataCategories().stream()
                                        .sorted()
                                        .map(Art33NoticeDrafter::words)
                                        .collect(Collectors.joining(", ")))
                .append('\n');
        nature.append("- Approximate number of personal data records: ")
                .append(
                        d.approxRecords() == null
                                ? gap("approximate number of records", gaps)
                                : approx(d.approxRecords()));
        sections.add(new NoticeDraft.Section("Nature of the personal data breach", "Art. 33(3)(a)", nature.toString()));

        String contact = d.contact() == null
                ? gap("name and contact details of the DPO or other contact point", gaps)
                : d.contact().name() + ", " + d.contact().role() + "\n\n- E-mail: "
                        + d.contact().email() + "\n- Telephone: " + d.contact().phone();
        sections.add(new NoticeDraft.Section("Contact point", "Art. 33(3)(b)", contact));
        sections.add(new NoticeDraft.Section(
                "Likely consequences", "Art. 33(3)(c)", fill(d.likelyConsequences(), "likely consequences", gaps)));
        String measures = "Taken:\n\n" + bullets(d.measuresTaken(), "measures taken", gaps) + "\n\nProposed:\n\n"
                + bullets(d.measuresProposed(), "measures proposed", gaps);
        sections.add(new NoticeDraft.Section("Measures taken or proposed", "Art. 33(3)(d)", measures));
        if (Duration.between(d.awareAt(), now).compareTo(Duration.ofHours(72)) > 0) {
            sections.add(new NoticeDraft.Section(
                    "Reasons for the delay",
                    "Art. 33(1)",
                    fill(d.delayReason(), "reasons for notifying later than 72 hours", gaps)));
        }
        sections.add(new NoticeDraft.Section(
                "Information in phases",
                "Art. 33(4)",
                "Where information is not yet available it will be provided in phases without undue further delay."));
        return new NoticeDraft("Notification of a personal data breach", authority, notice.under(), sections, gaps);
    }

    private static String fill(String value, String what, List<String> gaps) {
        return value == null || value.isBlank() ? gap(what, gaps) : value.strip();
    }

    private static String gap(String what, List<String> gaps) {
        gaps.add(what);
        return "[to be completed: " + what + "]";
    }

    private static String bullets(List<String> items, String what, List<String> gaps) {
        return items.isEmpty()
                ? gap(what, gaps)
                : items.stream().map(i -> "- " + i).collect(Collectors.joining("\n"));
    }

    private static String approx(long n) {
        return String.format(Locale.ROOT, "about %,d", n);
    }

    private static String words(DataCategory c) {
        return switch (c) {
            case CONTACT -> "contact details (name, e-mail, postal address, telephone)";
            case PAYMENT_CARD -> "payment card data";
            case GOVERNMENT_ID -> "government identifiers";
            case CREDENTIALS -> "account credentials";
            case HEALTH -> "health data (Art. 9 special category)";
            case FINANCIAL_ACCOUNT -> "financial account data";
            case DATE_OF_BIRTH -> "dates of birth";
            case BIOMETRIC -> "biometric data used to identify a person (Art. 9 special category)";
        };
    }
}
