/**
 * The control catalog and the control test register (docs/change-control.md, ADR 075): the SOC 2 Trust
 * Services Criteria and ISO/IEC 27001 Annex A controls as data ({@link ControlCatalog}), the audit
 * firm's register of controls tested in the observation period ({@link ControlTestRegister}), and
 * which controls an executed change sends back to the auditors ({@link Retests}, {@link RetestFee}).
 * Plain Java: the server stores and serves what these compute.
 */
@NullMarked
package dev.tandem.controls;

import org.jspecify.annotations.NullMarked;
