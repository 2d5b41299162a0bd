/**
 * Ledger entries as typed facts: one past-tense record per entry type, each answering its entry
 * {@code type}, its incident, its JSON body and whether it is privileged. Privilege is decided here,
 * once per fact type, from the repositories of the evidence the fact rests on (ADR 062): a fact
 * that any FORENSIC input contributed to is appended as a salted commitment (docs/contracts.md §1).
 */
@NullMarked
package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.NullMarked;
