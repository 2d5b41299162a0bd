package dev.tandem.evidence;

/**
 * The result of storing a stream: its address, its size, and whether the same bytes were already
 * stored (deduplication: the bytes are kept once, each upload still gets its own record).
 */
public record StoredBlob(ContentAddress address, long size, boolean alreadyPresent) {}
