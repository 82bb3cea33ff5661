package dev.imagedrift.image;

/**
 * Why an input image was refused. The codes are stable: they appear in dead-letter records,
 * in snapshot skip lists and as the {@code reason} label of {@code imagedrift_images_failed_total}.
 */
public enum RejectReason {
    /** Zero bytes. */
    EMPTY("empty"),
    /** Not a format any installed decoder recognises (for example text named .png). */
    UNKNOWN_FORMAT("unknown_format"),
    /** Width x height over the configured pixel limit, refused from the header before decoding. */
    TOO_LARGE("too_large"),
    /** Recognised but could not be decoded (truncated, corrupt). */
    UNDECODABLE("undecodable"),
    /** Decoded, but a pixel format the properties are not defined for, and not converted. */
    UNSUPPORTED_PIXEL_FORMAT("unsupported_pixel_format"),
    /** A raw pixel buffer whose size does not match its declared width, height and channels. */
    BAD_RAW_BUFFER("bad_raw_buffer");

    private final String code;

    RejectReason(String code) { this.code = code; }

    /** Snake-case code used in records and metric labels. */
    public String code() { return code; }
}
