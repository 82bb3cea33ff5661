package dev.imagedrift.stream;

import dev.imagedrift.fetch.FetchResult;

/**
 * An input record's value as the extraction stage receives it from the fetch stage: the original
 * bytes, where the record was read (kept with it, because the fetch stage may hand it on later,
 * while another record is current), and, for an event that names its image by URI, the outcome of
 * fetching it.
 *
 * @param fetched null when the event carries its image (or properties) itself
 */
public record InputRecord(byte[] value, SourcePosition source, FetchResult fetched) {}
