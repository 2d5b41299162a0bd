package dev.tandem.regulation;

/** Who receives a notice (docs/contracts.md §4). */
public enum Recipient {
    SUPERVISORY_AUTHORITY,
    REGULATOR,
    ATTORNEY_GENERAL,
    INDIVIDUALS,
    CONSUMER_REPORTING_AGENCIES,
    CARD_BRANDS,
    ACQUIRER,
    SEC,
    CONTROLLER,
    CSIRT,
    /** Prominent media outlets (HIPAA 45 CFR 164.406, FTC Health Breach Notification Rule). */
    MEDIA,
    /** The company's own register of breaches: a record to keep, not a notice to send (GDPR Art. 33(5)). */
    BREACH_REGISTER,
    /**
     * An assessment to complete by a date, not a notice to send: Australia's assessment of a
     * suspected eligible data breach within 30 days (Privacy Act 1988 s. 26WH(2)). Done when the
     * judgement it leads to is made (recorded as sent).
     */
    ASSESSMENT
}
