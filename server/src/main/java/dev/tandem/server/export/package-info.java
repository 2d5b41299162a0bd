/**
 * The export bag (docs/contracts.md §5, docs/export.md): an incident's AUDIT evidence, ledger
 * entries with inclusion proofs against one signed checkpoint, the verifier key, the
 * audit-continuity report and OSCAL assessment results, streamed as a BagIt zip written by the
 * framework-free {@code dev.tandem.export} package.
 */
@NullMarked
package dev.tandem.server.export;

import org.jspecify.annotations.NullMarked;
