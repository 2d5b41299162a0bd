package dev.tandem.regulation;

/** A person's answer to a question the law leaves to judgement. */
public enum Answer {
    YES,
    NO
}
