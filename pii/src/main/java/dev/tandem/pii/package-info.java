/**
 * The PII scanner's API: {@link dev.tandem.pii.PiiScanner} scans streams, files and folders;
 * {@link dev.tandem.pii.Payloads} inspects in-memory payloads; {@link dev.tandem.pii.Masking}
 * masks values for output and redacted copies; {@link dev.tandem.pii.ScopeCounter} turns findings
 * into the scope of a leak (distinct people, jurisdictions). Framework-free.
 */
@NullMarked
package dev.tandem.pii;

import org.jspecify.annotations.NullMarked;
