/**
 * Leak analysis of an incident's evidence in the server (issue 4, item 5): a {@code LEAK_ANALYSIS}
 * job streams the selected evidence items from the vault into the framework-free
 * {@code LeakAnalyzer}, and records its findings, each linked to the evidence items and the SHA-256
 * of the bytes it rests on and carrying the containment it proposes, in one ledger unit at the
 * end. Findings resting on FORENSIC evidence are privileged entries. See docs/analysis-api.md.
 */
@NullMarked
package dev.tandem.server.leak;

import org.jspecify.annotations.NullMarked;
