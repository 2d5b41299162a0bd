/**
 * The auditor's portal (docs/web.md, docs/contracts.md §5.1): evidence requests the auditor files and
 * the audit liaison answers with AUDIT evidence ({@link EvidenceRequests}, rules in {@link
 * RequestRules}), and the checkpoint each auditor last verified offline ({@link VerifiedCheckpoints},
 * checked by {@link CheckpointCheck}). The rules are plain Java; the services read, check with them,
 * and write each step with its ledger entry in one unit.
 */
@NullMarked
package dev.tandem.server.portal;

import org.jspecify.annotations.NullMarked;
