/**
 * Readers for what a responder collects from a Salesforce org: Event Log File CSVs and real-time
 * event monitoring exports (as {@link dev.tandem.salesforce.ActivityEvent}s), metadata retrieved
 * by the Salesforce CLI or the Metadata API ({@link dev.tandem.salesforce.OrgConfig}), and User and
 * PermissionSetAssignment exports ({@link dev.tandem.salesforce.UserDirectory}).
 */
@NullMarked
package dev.tandem.salesforce;

import org.jspecify.annotations.NullMarked;
