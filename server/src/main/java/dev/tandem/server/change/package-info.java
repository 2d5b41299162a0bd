/**
 * Change control (docs/contracts.md §3, docs/change-control.md): the audit firm's control test register
 * ({@link ControlTests}), change requests with their approvals, acknowledgements, execution, diffs
 * and verified closure ({@link Changes}), and the retests they cause with a fee estimate. The rules
 * are plain Java in the {@code controls} module; these services read, check with them, and write
 * each step with its ledger entry in one unit.
 */
@NullMarked
package dev.tandem.server.change;

import org.jspecify.annotations.NullMarked;
