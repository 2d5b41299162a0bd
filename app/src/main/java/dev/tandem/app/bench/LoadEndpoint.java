package dev.tandem.app.bench;

/** The four requests {@code tandem bench load} mixes, each sent by its own quarter of the clients. */
enum LoadEndpoint {
    TIMELINE("GET  /api/v1/incidents/{id}/timeline"),
    METADATA("GET  /api/v1/evidence/{id}"),
    UPLOAD("POST /api/v1/incidents/{id}/evidence"),
    PROOF("GET  /api/v1/ledger/proof/inclusion");

    final String label;

    LoadEndpoint(String label) {
        this.label = label;
    }

    /** The status a request should be answered with. */
    int expected() {
        return this == UPLOAD ? 201 : 200;
    }
}
