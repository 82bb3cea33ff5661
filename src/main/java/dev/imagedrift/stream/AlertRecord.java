package dev.imagedrift.stream;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * An alert state change of one stream, as published on the alerts topic (schema {@value #SCHEMA}).
 * One FIRING when a drift starts (after the hysteresis policy), one RESOLVED when it ends.
 *
 * @param state             FIRING or RESOLVED
 * @param windowEnd         end of the window whose result changed the state
 * @param driftScore        that window's score (null when not computed)
 * @param pValue            that window's p-value (null when not computed)
 * @param reason            that window's reason sentence
 * @param policy            the hysteresis rule in words
 */
@JsonPropertyOrder({"schema", "stream", "state", "windowStart", "windowEnd", "driftScore", "pValue", "reason", "policy",
        "referenceVersion", "at"})
public record AlertRecord(String schema, String stream, String state, Instant windowStart, Instant windowEnd,
                          Double driftScore, Double pValue, String reason, String policy, String referenceVersion,
                          Instant at) {
    public static final String SCHEMA = "imagedrift.alert/v1";
    public static final String FIRING = "FIRING";
    public static final String RESOLVED = "RESOLVED";
}
