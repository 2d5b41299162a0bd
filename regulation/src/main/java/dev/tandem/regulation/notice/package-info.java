/** Notice drafts filled from the incident: GDPR Art. 33(3) first. */
@NullMarked
package dev.tandem.regulation.notice;

import org.jspecify.annotations.NullMarked;
