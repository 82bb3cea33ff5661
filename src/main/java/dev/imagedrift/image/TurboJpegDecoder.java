package dev.imagedrift.image;

/**
 * Decodes baseline and progressive JPEG with libjpeg-turbo (through {@link TurboJpegBinding}),
 * under the same rules as {@link ImageDecoder}'s ImageIO path, and with the same pixels: the
 * tests compare the two on every bundled photo and on the subsampling, progressive, grayscale and
 * restart-marker variants.
 *
 * <ul>
 *   <li>Header first: the size and colour space are read before any pixel buffer exists; more
 *       than {@code maxPixels} is {@link RejectReason#TOO_LARGE}, CMYK and YCCK are
 *       {@link RejectReason#UNSUPPORTED_PIXEL_FORMAT} as on the ImageIO path.</li>
 *   <li>Accurate integer IDCT and fancy (smooth) chroma upsampling, as libjpeg 6b inside ImageIO
 *       does. Embedded ICC profiles are not applied (there is no colour management at all).</li>
 *   <li>Any libjpeg warning (truncated or corrupt data) stops the decode and rejects the image
 *       ({@code FLAG_STOPONWARNING}), like ImageIO's warnings, except the harmless ones
 *       {@link ImageDecoder} accepts: then the image is decoded again without stopping, and kept
 *       when the last warning is harmless too.</li>
 *   <li>Progressive JPEGs with more than 500 scans are refused ({@code FLAG_LIMITSCANS}): a
 *       small file of thousands of scans would otherwise make the decoder loop for minutes.</li>
 * </ul>
 *
 * <p>Pixels go into a buffer this thread reuses when the caller allows it (see
 * {@link ImageDecoder#decodeTransiently}); a decompressor is created per image (about 5 us) so no
 * thread keeps a reference to the last encoded image.
 */
final class TurboJpegDecoder {
    /** Largest pixel buffer a thread keeps between images (Full HD RGB fits); larger ones are allocated per image. */
    static final int MAX_REUSED_BUFFER = 8 * 1024 * 1024;

    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();

    private final TurboJpegBinding tj;
    private final int flags;
    private final int flagsNoStop;

    TurboJpegDecoder(TurboJpegBinding tj) {
        this.tj = tj;
        this.flagsNoStop = tj.flagAccurateDct | tj.flagLimitScans;
        this.flags = flagsNoStop | tj.flagStopOnWarning;
    }

    String origin() {
        return tj.origin;
    }

    /**
     * Decodes {@code jpeg} (which starts with the JPEG SOI marker).
     *
     * @param reuse may the pixels live in this thread's reused buffer (valid until its next decode)
     * @return the image, or null when libjpeg-turbo cannot read the header (an odd or damaged file):
     *         then the caller leaves the verdict to ImageIO, as for any other format
     */
    DecodedImage decode(byte[] jpeg, String name, long maxPixels, JpegScaling scaling, boolean reuse)
            throws ImageRejected {
        Object d;
        try {
            d = tj.newDecompressor();
        } catch (TurboJpegBinding.DecodeFailure e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot start the JPEG decoder: "
                    + e.getMessage(), e);
        }
        try {
            return decode(d, jpeg, name, maxPixels, scaling, reuse);
        } finally {
            try {
                tj.close(d);
            } catch (TurboJpegBinding.DecodeFailure ignored) {
                // nothing to free any more; the image's fate is already decided
            }
        }
    }

    private DecodedImage decode(Object d, byte[] jpeg, String name, long maxPixels, JpegScaling scaling,
                                boolean reuse) throws ImageRejected {
        int width;
        int height;
        int colorspace;
        try {
            tj.setSourceImage(d, jpeg);
            width = tj.width(d);
            height = tj.height(d);
            colorspace = tj.colorspace(d);
        } catch (TurboJpegBinding.DecodeFailure e) {
            return null; // a header libjpeg-turbo does not read: ImageIO's verdict (and message) decides
        }
        if (width <= 0 || height <= 0) {
            return null;
        }
        if ((long) width * height > maxPixels) {
            throw ImageDecoder.tooManyPixels(name, width, height, maxPixels);
        }
        if (colorspace == tj.csCmyk || colorspace == tj.csYcck) {
            throw new ImageRejected(RejectReason.UNSUPPORTED_PIXEL_FORMAT, name + ": colour layout not "
                    + "supported by the decoder (a " + (colorspace == tj.csCmyk ? "CMYK" : "YCCK")
                    + " JPEG); convert it to RGB");
        }
        boolean gray = colorspace == tj.csGray;
        int denominator = scaling.denominator(width, height);
        try {
            // TurboJPEG picks the largest scaling factor whose size fits the one asked for: exactly 1/d here.
            int w = tj.scaledWidth(d, JpegScaling.ceilDiv(width, denominator), JpegScaling.ceilDiv(height, denominator));
            int h = tj.scaledHeight(d, JpegScaling.ceilDiv(width, denominator), JpegScaling.ceilDiv(height, denominator));
            int channels = gray ? 1 : 3;
            byte[] pixels = buffer(Math.multiplyExact(Math.multiplyExact(w, h), channels), reuse);
            int format = gray ? tj.pfGray : tj.pfRgb;
            decompress(d, pixels, w, h, channels, format, name);
            DecodedImage image = gray
                    ? DecodedImage.gray(w, h, pixels, 1, w, 0)
                    : DecodedImage.color(w, h, pixels, 3, 3 * w, 0, 1, 2);
            return denominator == 1 ? image : image.scaledFrom(width, height);
        } catch (TurboJpegBinding.DecodeFailure e) {
            throw new ImageRejected(RejectReason.UNDECODABLE, name + ": cannot decode: " + e.getMessage(), e);
        }
    }

    private void decompress(Object d, byte[] pixels, int w, int h, int channels, int format, String name)
            throws TurboJpegBinding.DecodeFailure, ImageRejected {
        try {
            tj.decompress(d, pixels, w, w * channels, h, format, flags);
        } catch (TurboJpegBinding.DecodeFailure e) {
            if (!e.isWarning()) {
                throw e;
            }
            if (!ImageDecoder.isHarmless(e.getMessage())) {
                throw new ImageRejected(RejectReason.UNDECODABLE, name + ": damaged JPEG data ("
                        + e.getMessage() + ")", e);
            }
            // A harmless warning (extra bytes between segments): decode through, judge by the last warning.
            try {
                tj.decompress(d, pixels, w, w * channels, h, format, flagsNoStop);
            } catch (TurboJpegBinding.DecodeFailure again) {
                if (!again.isWarning() || !ImageDecoder.isHarmless(again.getMessage())) {
                    throw new ImageRejected(RejectReason.UNDECODABLE, name + ": damaged JPEG data ("
                            + again.getMessage() + ")", again);
                }
            }
        }
    }

    private static byte[] buffer(int size, boolean reuse) {
        if (!reuse || size > MAX_REUSED_BUFFER) {
            return new byte[size];
        }
        byte[] kept = SCRATCH.get();
        if (kept == null || kept.length < size) {
            kept = new byte[size];
            SCRATCH.set(kept);
        }
        return kept;
    }
}
