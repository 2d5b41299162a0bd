package dev.tandem.salesforce;

import java.util.Set;

/**
 * Which report executions read records out to someone, by the context Salesforce names for each: the
 * {@code Operation} of ReportEvent (Platform Events Developer Guide, "ReportEvent", field
 * Operation: https://developer.salesforce.com/docs/platform/platform-events/guide/sforce-api-objects-reportevent.html)
 * and the {@code ORIGIN} of the Report event type of Event Log Files (Object Reference, "Report
 * Event Type"), one list of values for both.
 *
 * <p>Every documented value is a read but these, whose rows nobody is shown or handed:
 *
 * <ul>
 *   <li>{@code ChartRenderedInEmbeddedAnalyticsApp}, {@code ChartRenderedOnHomePage},
 *       {@code ChartRenderedOnVisualforcePage}: a chart drawn from the report, aggregates only;
 *   <li>{@code DashboardComponentPreviewed}, {@code DashboardComponentUpdated}: a dashboard component
 *       previewed or refreshed, aggregates only (a drill-down to the report's rows is a run of its
 *       own: {@code ReportOpenedFromMobileDashboard}, {@code ReportRunFromLightning} …);
 *   <li>{@code ProbeQuery}: a probe query of Salesforce's own;
 *   <li>{@code ReportAddedToCampaign}: the report's people added to a campaign inside the org;
 *   <li>{@code ReportRunFromReportingSnapshot}: a reporting snapshot copying rows into an object of
 *       the org;
 *   <li>{@code ReportScheduled}: the report was scheduled (its deliveries are runs of their own);
 *   <li>{@code Test}: an execution from a test.
 * </ul>
 *
 * <p>Runs from a UI or an API ({@code ReportRunFromClassic}, {@code ReportRunFromLightning},
 * {@code ReportRunFromMobile}, {@code ReportRunFromRestApi}, {@code ReportRunUsing…Api} …), exports
 * ({@code ReportExported…}), previews in the report builder (the user got results),
 * {@code ReportRunAndNotificationSent} (results sent to subscribers), results copied into CRM
 * Analytics or Einstein Discovery, {@code ReportOpenedFromMobileDashboard}, {@code Unknown}, no value
 * and any value not documented are reads: a security review counts what it cannot rule out.
 */
public final class ReportOrigins {
    private ReportOrigins() {}

    /** The documented contexts in which a report executes without reading its rows out to anyone. */
    static final Set<String> NOT_READS = Set.of(
            "ChartRenderedInEmbeddedAnalyticsApp",
            "ChartRenderedOnHomePage",
            "ChartRenderedOnVisualforcePage",
            "DashboardComponentPreviewed",
            "DashboardComponentUpdated",
            "ProbeQuery",
            "ReportAddedToCampaign",
            "ReportRunFromReportingSnapshot",
            "ReportScheduled",
            "Test");

    /** True when a report executed in this context (Operation, ORIGIN) read its rows out. */
    public static boolean readsRows(String origin) {
        return !NOT_READS.contains(origin.strip());
    }
}
