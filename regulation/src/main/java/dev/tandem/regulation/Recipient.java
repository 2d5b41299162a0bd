package dev.tandem.regulation;

/** Who receives a notice (CONTRACTS.md §4). */
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
    CSIRT
}
