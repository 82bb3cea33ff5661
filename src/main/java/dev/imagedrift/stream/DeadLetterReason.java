package dev.imagedrift.stream;

import dev.imagedrift.image.RejectReason;

/**
 * Why an input record went to the dead-letter topic. The codes are stable: they are the
 * {@code imagedrift-dlq-reason} header and the {@code reason} label of
 * {@code imagedrift_images_failed_total}.
 */
public enum DeadLetterReason {
    BAD_JSON("bad_json"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    BAD_TIMESTAMP("bad_timestamp"),
    BAD_BASE64("bad_base64"),
    UNKNOWN_PROPERTY("unknown_property"),
    EMPTY("empty"),
    UNKNOWN_FORMAT("unknown_format"),
    TOO_LARGE("too_large"),
    UNDECODABLE("undecodable"),
    UNSUPPORTED_PIXEL_FORMAT("unsupported_pixel_format"),
    BAD_RAW_BUFFER("bad_raw_buffer"),
    LATE("late"),
    INTERNAL_ERROR("internal_error"),
    /** The id has characters outside the allowed set, or is too long ({@link EventIdentifiers}). */
    BAD_ID("bad_id"),
    /** The stream name has characters outside the allowed set, or is too long ({@link EventIdentifiers}). */
    BAD_STREAM("bad_stream"),
    /** A new stream while its partition already tracks {@code window.max-streams} streams. */
    TOO_MANY_STREAMS("too_many_streams"),
    /** Processing this record stopped a stream thread {@code reliability.max-record-attempts} times. */
    REPEATED_FAILURE("repeated_failure"),
    /** The embedding is not an array of finite numbers (or base64 float32), or is longer than the limit. */
    BAD_EMBEDDING("bad_embedding"),
    /** The embedding's length is not the reference's embedding dimension. */
    EMBEDDING_DIMENSION("embedding_dimension"),
    /** The event names another embedding model than the reference's. */
    EMBEDDING_MODEL("embedding_model"),
    /** The event carries only an embedding, but the stream's reference has no embeddings to compare with. */
    EMBEDDING_NOT_CONFIGURED("embedding_not_configured"),
    /** The configured embedding model failed on the event's image. */
    EMBEDDING_FAILED("embedding_failed");

    private final String code;

    DeadLetterReason(String code) { this.code = code; }

    public String code() { return code; }

    /** The dead-letter reason of an image the decoder refused. */
    public static DeadLetterReason of(RejectReason image) {
        return switch (image) {
            case EMPTY -> EMPTY;
            case UNKNOWN_FORMAT -> UNKNOWN_FORMAT;
            case TOO_LARGE -> TOO_LARGE;
            case UNDECODABLE -> UNDECODABLE;
            case UNSUPPORTED_PIXEL_FORMAT -> UNSUPPORTED_PIXEL_FORMAT;
            case BAD_RAW_BUFFER -> BAD_RAW_BUFFER;
        };
    }
}
