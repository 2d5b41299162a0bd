package dev.tandem.regulation.notice;

import java.util.Optional;

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
