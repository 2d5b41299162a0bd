package dev.tandem.server.access;

/**
 * What a request's path names, and so how the policy finds the incident it belongs to: the
 * installation as a whole, an incident, or an item whose incident is looked up first.
 */
public enum Target {
    /** Not under an incident: the ledger, incidents as a collection, users. */
    INSTALLATION,
    /** A user named by {@code {username}}: their tokens, their account. */
    USER,
    /** An incident named by {@code {id}} or {@code {incidentId}}. */
    INCIDENT,
    /** An evidence item named by {@code {id}}. */
    EVIDENCE,
    /** A job (or analysis) named by {@code {id}}. */
    JOB,
    /** An obligation named by {@code {id}}. */
    OBLIGATION,
    /** A change request named by {@code {id}}. */
    CHANGE,
    /** An evidence request named by {@code {id}} (docs/contracts.md §5.1). */
    EVIDENCE_REQUEST
}
