package dev.tandem.regulation;

/** How far a rule was checked: against the law's own text, or only against summaries of it. */
public enum Confidence {
    PRIMARY,
    SECONDARY
}
