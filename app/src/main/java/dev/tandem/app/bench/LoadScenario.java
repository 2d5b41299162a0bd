package dev.tandem.app.bench;

import java.util.List;

/**
 * What the clients of {@code tandem bench load} work on, prepared before the load starts.
 *
 * @param token the incident commander's API token, sent by every client
 * @param timelineIncident the incident whose timeline is read: a few hundred entries
 * @param timelineSize the entries that timeline holds
 * @param evidence items of that incident whose metadata is read
 * @param uploadIncidents the incidents small uploads go to (not the timeline's, so that it keeps its size)
 * @param proofSize the tree size inclusion proofs are asked for (the checkpoint after the preparation)
 * @param proofRoot the root of the tree at {@code proofSize}, from the signed checkpoint
 * @param leafHashes leaf hashes of the first entries of the log (the seeded million): proofs are asked
 *     for random indices among them and verified
 */
record LoadScenario(
        String token,
        String timelineIncident,
        int timelineSize,
        List<String> evidence,
        List<String> uploadIncidents,
        long proofSize,
        byte[] proofRoot,
        List<byte[]> leafHashes) {}
