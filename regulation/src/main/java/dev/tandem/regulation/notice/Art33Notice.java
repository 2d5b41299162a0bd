package dev.tandem.regulation.notice;

import dev.tandem.regulation.RegionCodes;
import dev.tandem.regulation.Subjects;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The notices of a personal data breach to a supervisory authority that Tandem drafts: the same
 * Art. 33(3) content under two laws, each with its own path, rule, citations and addressee
 * (docs/obligations-api.md, "GDPR Art. 33(3) notice"; ADR 145).
 */
public enum Art33Notice {
    /** GDPR Art. 33: to the supervisory authority of an EU/EEA member state (rule {@code eu-gdpr-33-sa}). */
    EU_GDPR("gdpr-art33", "eu-gdpr-33-sa", "GDPR", "GDPR Art. 33", "the supervisory authority", "EU/EEA", "EEA"),
    /**
     * UK GDPR Art. 33: "to the Commissioner" (Art. 33(1)), the Information Commissioner, the UK's
     * supervisory authority (Data Protection Act 2018, s. 114 and 115(1)); rule {@code gb-ukgdpr-33-ico}.
     */
    UK_GDPR(
            "uk-gdpr-art33",
            "gb-ukgdpr-33-ico",
            "UK GDPR",
            "UK GDPR Art. 33, read with the Data Protection Act 2018",
            "the Information Commissioner",
            "UK",
            "GB");

    /** The addressee of the UK notice: UK GDPR Art. 33(1)'s "Commissioner", by the name it reports under. */
    public static final String ICO = "the Information Commissioner's Office (ICO), \"the Commissioner\" of UK GDPR"
            + " Art. 33(1) (Data Protection Act 2018, s. 114 and 115(1))";

    private final String id;
    private final String rule;
    private final String law;
    private final String under;
    private final String recipient;
    private final String territory;
    private final String scope;

    Art33Notice(String id, String rule, String law, String under, String recipient, String territory, String scope) {
        this.id = id;
        this.rule = rule;
        this.law = law;
        this.under = under;
        this.recipient = recipient;
        this.territory = territory;
        this.scope = scope;
    }

    /** The notice's name in paths and ledger entries: {@code gdpr-art33}, {@code uk-gdpr-art33}. */
    public String id() {
        return id;
    }

    /** The rule whose obligation a sent notice files (rule ids may carry a version after '@'). */
    public String rule() {
        return rule;
    }

    /**
     * The rule owed for the information this notice, sent incomplete, left out (Art. 33(4): in phases
     * without undue further delay): {@code eu-gdpr-33-4-phases}, {@code gb-ukgdpr-33-4-phases}.
     */
    public String phasesRule() {
        return rule.substring(0, rule.indexOf("-33-")) + "-33-4-phases";
    }

    /** Is {@code ruleId} the rule owed for this notice's information in phases, in any version? */
    public boolean isPhasesRule(String ruleId) {
        return ruleId.equals(phasesRule()) || ruleId.startsWith(phasesRule() + "@");
    }

    /** Is {@code ruleId} the rule of this notice, in any version? */
    public boolean isRule(String ruleId) {
        return ruleId.equals(rule) || ruleId.startsWith(rule + "@");
    }

    /** The law, as citations name it: "GDPR", "UK GDPR". */
    public String law() {
        return law;
    }

    /** The notice's name in messages: "GDPR Art. 33", "UK GDPR Art. 33". */
    public String title() {
        return law + " Art. 33";
    }

    /** What the text's "Under:" line cites. */
    public String under() {
        return under;
    }

    /** To whom it is sent, in words: "the supervisory authority", "the Information Commissioner". */
    public String recipient() {
        return recipient;
    }

    /** Where the people it covers live, in words: "EU/EEA", "UK". */
    public String territory() {
        return territory;
    }

    /** The rule book's scope entry of that territory: the {@code EEA} region, the country {@code GB}. */
    public String scope() {
        return scope;
    }

    /**
     * Is the company established in this notice's territory (an EEA member state, the UK)? Then its
     * law covers every person the breach concerns, wherever they live (Art. 3(1) of each).
     *
     * @param established ISO 3166 codes of the company's establishments
     * @param regions the rule book's regions ({@code EEA}: its member countries)
     */
    public boolean establishedIn(List<String> established, Map<String, List<String>> regions) {
        List<String> members = regions.getOrDefault(scope, List.of(scope));
        return established.stream().anyMatch(c -> members.contains(RegionCodes.countryOf(c)));
    }

    /**
     * Why this notice's law does not apply to a breach of {@code subjects} (ADR 149), or empty when
     * it applies: it does while the company is established in the territory (Art. 3(1)) or someone in
     * the scope lives there (Art. 3(2)), as the rule's trigger reads it. "The UK GDPR does not apply:
     * none of the 1,200 people in the scope is in the UK (they are in DE=1200) and the company is not
     * established there (UK GDPR Art. 3(1), (2))".
     */
    public Optional<String> notApplicable(
            Subjects subjects, List<String> established, Map<String, List<String>> regions) {
        if (establishedIn(established, regions) || subjects.countIn(scope, regions) > 0) {
            return Optional.empty();
        }
        String where = subjects.counts().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return Optional.of("the " + law + " does not apply: none of the "
                + String.format(Locale.ROOT, "%,d", subjects.total()) + " people in the scope is in the "
                + territory + (where.isEmpty() ? "" : " (they are in " + where + ")")
                + " and the company is not established there (" + law + " Art. 3(1), (2))");
    }

    /**
     * {@code text}, which cites the GDPR (a scope check's "GDPR Art. 33(3)(a)"), as this notice cites
     * it: the same paragraphs of the UK GDPR in the notice to the ICO, unchanged in the GDPR one.
     */
    public String cite(String text) {
        return this == EU_GDPR ? text : text.replaceAll("(?<!UK )\\bGDPR Art\\.", law + " Art.");
    }

    /**
     * What the notice's contact point lacks when the controller is not established in its territory,
     * as a gap, or empty: to the ICO, the controller's representative in the UK, whom UK GDPR Art.
     * 27(1) asks such a controller to designate and Art. 27(4) makes a contact point of the
     * Commissioner's (unless Art. 27(2) exempts it). The GDPR notice's authority is found by the
     * member states of the people instead (its "Supervisory authority of …" line).
     */
    public Optional<String> representative() {
        return this == UK_GDPR
                ? Optional.of("- Representative in the UK (UK GDPR Art. 27): [to be completed: name and contact"
                        + " details of the controller's representative in the UK, or why none is designated (UK GDPR"
                        + " Art. 27(2))]")
                : Optional.empty();
    }

    /** The gap of a late notice whose text says nothing of the delay. */
    public String delayGap() {
        return "reasons for notifying later than 72 hours (" + law + " Art. 33(1))";
    }

    /** The notice of {@code id}, as paths name it. */
    public static Optional<Art33Notice> byId(String id) {
        for (Art33Notice n : values()) {
            if (n.id.equals(id)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
