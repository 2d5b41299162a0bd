/**
 * Personal data in captured payloads (HTTP bodies, export records), counted rather than shown.
 * {@link dev.tandem.payload.PayloadInspector} is the seam where the project's full PII scanner
 * ({@code tandem-pii}) plugs in; {@link dev.tandem.payload.JsonPayloadInspector} is the default.
 */
@NullMarked
package dev.tandem.payload;

import org.jspecify.annotations.NullMarked;
