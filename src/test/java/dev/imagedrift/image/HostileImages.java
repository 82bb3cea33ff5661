package dev.imagedrift.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Crafted hostile image files, one or more per class of attack on a decoder: sizes declared inside
 * the stream that a reader would allocate from, decompression bombs, CPU bombs, parser loops,
 * disallowed variants. Each comes with the reason the decoder must give, or {@code null} when the
 * file is valid and must decode with its hostile part defused (for example a PNG whose 1 GiB
 * compressed profile is never inflated). Every file is built here, in memory, from the formats'
 * specifications: no third-party samples.
 */
final class HostileImages {
    private HostileImages() {}

    /**
     * @param kind     the class of attack (a row of SECURITY.md's table)
     * @param name     what this file does
     * @param bytes    the file
     * @param expected the reject reason, or null for "decodes, hostile part defused"
     */
    record Hostile(String kind, String name, byte[] bytes, RejectReason expected) {
        @Override
        public String toString() {
            return kind + ": " + name + " (" + bytes.length + " bytes)";
        }
    }

    static List<Hostile> all() {
        List<Hostile> all = new ArrayList<>();
        all.addAll(bmp());
        all.addAll(tiff());
        all.addAll(png());
        all.addAll(jpeg());
        all.addAll(gif());
        all.addAll(webp());
        return all;
    }

    // ---------------------------------------------------------------- BMP

    static List<Hostile> bmp() {
        return List.of(
                new Hostile("BMP payload size", "123-byte 1x1 RLE8 BMP declaring 2 GiB of compressed data",
                        bmpRle8(0x7FFF_FFF0L), RejectReason.UNDECODABLE),
                new Hostile("BMP payload size", "RLE8 BMP with size 0 and a 4 GiB file size in its header",
                        bmpRle8WithFileSize(0xFFFF_FFF0L), RejectReason.UNDECODABLE),
                new Hostile("BMP payload size", "pixel-data offset of 2 GiB (the palette is allocated from it)",
                        bmpWithOffset(0x7FFF_0000L), RejectReason.UNDECODABLE),
                new Hostile("BMP embedded payload", "1x1 BMP wrapping a PNG that declares 60000x60000",
                        bmpWrapping(5, TestImages.pngHeaderOnly(60_000, 60_000)), RejectReason.UNKNOWN_FORMAT),
                new Hostile("BMP embedded payload", "1x1 BMP wrapping a JPEG",
                        bmpWrapping(4, smallJpeg()), RejectReason.UNKNOWN_FORMAT),
                new Hostile("declared size", "BMP declaring 2147483647 x 1",
                        bmp24(Integer.MAX_VALUE, 1), RejectReason.TOO_LARGE),
                new Hostile("colour profile", "V5 BMP linking the ICC profile /etc/passwd",
                        bmpV5LinkedProfile("/etc/passwd"), null));
    }

    /** BITMAPFILEHEADER + BITMAPINFOHEADER (40 bytes), little-endian. */
    private static ByteBuffer bmpHeaders(int total, long fileSize, long offset, int width, int height, int bits,
                                         long compression, long sizeImage) {
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt((int) fileSize).putInt(0).putInt((int) offset);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) bits)
                .putInt((int) compression).putInt((int) sizeImage).putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b;
    }

    static byte[] bmpRle8(long declaredCompressedBytes) {
        // 14 + 40 + 256*4 palette would be 1078; a 2-entry palette keeps it at 123 bytes with the data.
        int offset = 14 + 40 + 8;
        ByteBuffer b = bmpHeaders(123, 123, offset, 1, 1, 8, 1, declaredCompressedBytes);
        b.position(offset);
        b.put(new byte[] {1, 0, 0, 0, 0, 1}); // one pixel of index 0, end of line, end of bitmap
        return b.array();
    }

    static byte[] bmpRle8WithFileSize(long fileSize) {
        int offset = 14 + 40 + 8;
        ByteBuffer b = bmpHeaders(123, fileSize, offset, 1, 1, 8, 1, 0);
        b.position(offset);
        b.put(new byte[] {1, 0, 0, 0, 0, 1});
        return b.array();
    }

    static byte[] bmpWithOffset(long offset) {
        return bmpHeaders(14 + 40 + 4, 58, offset, 1, 1, 24, 0, 4).array();
    }

    static byte[] bmpWrapping(int compression, byte[] payload) {
        int offset = 14 + 40;
        ByteBuffer b = bmpHeaders(offset + payload.length, offset + payload.length, offset, 1, 1, 0, compression,
                payload.length);
        b.position(offset);
        b.put(payload);
        return b.array();
    }

    static byte[] bmp24(int width, int height) {
        return bmpHeaders(14 + 40 + 4, 58, 54, width, height, 24, 0, 0).array();
    }

    /** A valid 2x2 24-bit BMP with a V5 header whose colour space is a linked profile file path. */
    static byte[] bmpV5LinkedProfile(String path) {
        byte[] name = (path + "\0").getBytes(StandardCharsets.US_ASCII);
        int header = 124;
        int pixels = 14 + header;
        int rowBytes = 8; // 2 pixels x 3 bytes, padded to 4
        int profileAt = pixels + 2 * rowBytes;
        ByteBuffer b = ByteBuffer.allocate(profileAt + name.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(b.capacity()).putInt(0).putInt(pixels);
        b.putInt(header).putInt(2).putInt(2).putShort((short) 1).putShort((short) 24).putInt(0)
                .putInt(2 * rowBytes).putInt(2835).putInt(2835).putInt(0).putInt(0);
        b.putInt(0).putInt(0).putInt(0).putInt(0); // masks
        b.putInt(0x4C494E4B); // 'LINK'
        b.put(new byte[36]).putInt(0).putInt(0).putInt(0); // endpoints, gamma
        b.putInt(4); // intent
        b.putInt(profileAt - 14).putInt(name.length).putInt(0); // profile data offset (from the info header), size
        b.position(pixels);
        for (int i = 0; i < 2 * rowBytes; i++) {
            b.put((byte) (40 + i));
        }
        b.put(name);
        return b.array();
    }

    // ---------------------------------------------------------------- TIFF

    static List<Hostile> tiff() {
        return List.of(
                new Hostile("TIFF tiles and strips", "1x1 TIFF with 1,000,000 x 1,000,000 tiles",
                        tiffTiled(1, 1, 1_000_000, 1_000_000), RejectReason.TOO_LARGE),
                new Hostile("TIFF tiles and strips", "123-byte 1x1 TIFF whose StripByteCounts says 2 GiB",
                        tiffStrip(1, 1, 1, 0x7FFF_FFF0L), RejectReason.UNDECODABLE),
                new Hostile("TIFF tiles and strips", "1 x 40,000,000 TIFF, one row a strip: 40 M strip offsets "
                        + "declared in 150 bytes", tiffManyStrips(1, 40_000_000), RejectReason.TOO_LARGE),
                new Hostile("TIFF tiles and strips", "planar RGB TIFF with one strip instead of three",
                        tiffPlanarWithOneStrip(), RejectReason.UNDECODABLE),
                new Hostile("TIFF directories", "TIFF whose IFD points to itself",
                        tiffSelfLoop(), RejectReason.UNDECODABLE),
                new Hostile("TIFF directories", "TIFF with a chain of 1,000 IFDs",
                        tiffChain(1000), RejectReason.TOO_LARGE),
                new Hostile("TIFF directories", "TIFF tag declaring 500,000,000 RATIONAL values",
                        tiffHugeTag(), RejectReason.TOO_LARGE),
                new Hostile("declared size", "TIFF declaring 100000 x 100000",
                        tiffStrip(100_000, 100_000, 100_000, 10), RejectReason.TOO_LARGE),
                new Hostile("format allow-list", "JPEG-compressed TIFF (compression 7)",
                        tiffWithCompression(7), RejectReason.UNKNOWN_FORMAT));
    }

    /** One TIFF IFD entry. */
    private record Tag(int tag, int type, long count, long value) {}

    /**
     * A little-endian TIFF: header, one IFD with the tags (values inline, or at {@code extra}'s
     * place when given as offsets by the caller), then {@code tail} appended at the end.
     */
    private static byte[] tiff(List<Tag> tags, long nextIfd, byte[] tail) {
        int ifdSize = 2 + 12 * tags.size() + 4;
        ByteBuffer b = ByteBuffer.allocate(8 + ifdSize + tail.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) tags.size());
        for (Tag t : tags) {
            b.putShort((short) t.tag()).putShort((short) t.type()).putInt((int) t.count());
            if (t.type() == 3 && t.count() == 1) {
                b.putShort((short) t.value()).putShort((short) 0);
            } else {
                b.putInt((int) t.value());
            }
        }
        b.putInt((int) nextIfd);
        b.put(tail);
        return b.array();
    }

    private static int tailOffset(int tagCount) {
        return 8 + 2 + 12 * tagCount + 4;
    }

    static byte[] tiffStrip(long width, long height, long rowsPerStrip, long stripBytes) {
        List<Tag> tags = new ArrayList<>(List.of(
                new Tag(256, 4, 1, width), new Tag(257, 4, 1, height), new Tag(258, 3, 1, 8),
                new Tag(259, 3, 1, 1), new Tag(262, 3, 1, 1), new Tag(273, 4, 1, 0), new Tag(277, 3, 1, 1),
                new Tag(278, 4, 1, rowsPerStrip), new Tag(279, 4, 1, stripBytes)));
        int data = tailOffset(tags.size());
        tags.set(5, new Tag(273, 4, 1, data));
        return tiff(tags, 0, new byte[] {(byte) 128});
    }

    static byte[] tiffManyStrips(long width, long height) {
        List<Tag> tags = List.of(new Tag(256, 4, 1, width), new Tag(257, 4, 1, height), new Tag(258, 3, 1, 8),
                new Tag(259, 3, 1, 1), new Tag(262, 3, 1, 1), new Tag(273, 4, height, tailOffset(9)),
                new Tag(277, 3, 1, 1), new Tag(278, 4, 1, 1), new Tag(279, 4, height, tailOffset(9)));
        return tiff(tags, 0, new byte[] {1, 0, 0, 0});
    }

    static byte[] tiffTiled(long width, long height, long tileWidth, long tileHeight) {
        List<Tag> tags = List.of(new Tag(256, 4, 1, width), new Tag(257, 4, 1, height), new Tag(258, 3, 1, 8),
                new Tag(259, 3, 1, 1), new Tag(262, 3, 1, 1), new Tag(277, 3, 1, 1),
                new Tag(322, 4, 1, tileWidth), new Tag(323, 4, 1, tileHeight),
                new Tag(324, 4, 1, tailOffset(10)), new Tag(325, 4, 1, 1));
        return tiff(tags, 0, new byte[] {(byte) 128});
    }

    static byte[] tiffPlanarWithOneStrip() {
        List<Tag> tags = List.of(new Tag(256, 4, 1, 2), new Tag(257, 4, 1, 2), new Tag(258, 3, 1, 8),
                new Tag(259, 3, 1, 1), new Tag(262, 3, 1, 2), new Tag(273, 4, 1, tailOffset(9)),
                new Tag(277, 3, 1, 3), new Tag(279, 4, 1, 4), new Tag(284, 3, 1, 2));
        return tiff(tags, 0, new byte[12]);
    }

    static byte[] tiffSelfLoop() {
        byte[] valid = tiffStrip(1, 1, 1, 1);
        ByteBuffer b = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(8 + 2 + 12 * 9, 8); // next IFD = this IFD
        return valid;
    }

    /** A valid 1x1 image whose IFD is followed by {@code count - 1} more, each pointing to the next. */
    static byte[] tiffChain(int count) {
        byte[] first = tiffStrip(1, 1, 1, 1);
        int ifd = 2 + 12 + 4; // one entry each
        ByteBuffer b = ByteBuffer.allocate(first.length + (count - 1) * ifd).order(ByteOrder.LITTLE_ENDIAN);
        b.put(first);
        b.putInt(8 + 2 + 12 * 9, first.length);
        for (int i = 1; i < count; i++) {
            int at = b.position();
            b.putShort((short) 1).putShort((short) 305).putShort((short) 2).putInt(1).putInt(0);
            b.putInt(i == count - 1 ? 0 : at + ifd);
        }
        return b.array();
    }

    static byte[] tiffHugeTag() {
        List<Tag> tags = new ArrayList<>(List.of(
                new Tag(256, 4, 1, 1), new Tag(257, 4, 1, 1), new Tag(258, 3, 1, 8), new Tag(259, 3, 1, 1),
                new Tag(262, 3, 1, 1), new Tag(273, 4, 1, tailOffset(10)), new Tag(277, 3, 1, 1),
                new Tag(278, 4, 1, 1), new Tag(279, 4, 1, 1), new Tag(282, 5, 500_000_000L, tailOffset(10))));
        return tiff(tags, 0, new byte[] {(byte) 128, 0, 0, 0, 0, 0, 0, 0});
    }

    static byte[] tiffWithCompression(int compression) {
        List<Tag> tags = List.of(new Tag(256, 4, 1, 1), new Tag(257, 4, 1, 1), new Tag(258, 3, 1, 8),
                new Tag(259, 3, 1, compression), new Tag(262, 3, 1, 1), new Tag(273, 4, 1, tailOffset(9)),
                new Tag(277, 3, 1, 1), new Tag(278, 4, 1, 1), new Tag(279, 4, 1, 1));
        return tiff(tags, 0, new byte[] {(byte) 128});
    }

    // ---------------------------------------------------------------- PNG

    static List<Hostile> png() {
        return List.of(
                new Hostile("bytes per pixel", "49-megapixel 16-bit RGBA PNG (7000x7000), a few hundred KB",
                        png16BitRgba(7000, 7000), RejectReason.TOO_LARGE),
                new Hostile("declared size", "PNG declaring 60000x60000, no pixel data",
                        TestImages.pngHeaderOnly(60_000, 60_000), RejectReason.TOO_LARGE),
                new Hostile("PNG chunk length", "PNG whose text chunk declares 2 GiB",
                        pngWithChunkLength("tEXt", 0x7FFF_FFF0L), RejectReason.UNDECODABLE),
                new Hostile("compressed metadata", "valid PNG with an iCCP profile inflating to 1 GiB",
                        pngWithCompressedChunk("iCCP", "bomb\0\0".getBytes(StandardCharsets.ISO_8859_1), 1L << 30), null),
                new Hostile("compressed metadata", "valid PNG with a zTXt text inflating to 1 GiB",
                        pngWithCompressedChunk("zTXt", "Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), 1L << 30),
                        null),
                new Hostile("long metadata", "valid PNG with 200,000 tEXt chunks",
                        pngWithManyTextChunks(200_000), null));
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt(data.length).put(t).put(data).putInt((int) crc.getValue());
        return b.array();
    }

    private static byte[] ihdr(int width, int height, int depth, int colorType) {
        return chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth)
                .put((byte) colorType).put((byte) 0).put((byte) 0).put((byte) 0).array());
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Deflates {@code count} zero bytes (fast: the same zero buffer over and over). */
    static byte[] deflatedZeros(long count) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (long left = count; left > 0; left -= zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, left));
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] png16BitRgbaCache;

    /** A real, complete 16-bit RGBA PNG (all zero pixels): a few hundred KB that decode to 392 MB. */
    static synchronized byte[] png16BitRgba(int width, int height) {
        if (png16BitRgbaCache == null) {
            long raw = (long) height * (1 + 8L * width);
            png16BitRgbaCache = concat(PNG_SIGNATURE, ihdr(width, height, 16, 6), chunk("IDAT", deflatedZeros(raw)),
                    chunk("IEND", new byte[0]));
        }
        return png16BitRgbaCache;
    }

    /** A valid small PNG (8x8 gray) to hang ancillary chunks on. */
    static byte[] smallPngParts(byte[]... ancillary) {
        byte[] rows = new byte[8 * 9];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                rows[y * 9 + 1 + x] = (byte) (x * 30 + y);
            }
        }
        Deflater d = new Deflater();
        d.setInput(rows);
        d.finish();
        byte[] buf = new byte[256];
        int n = d.deflate(buf);
        d.end();
        List<byte[]> parts = new ArrayList<>(List.of(PNG_SIGNATURE, ihdr(8, 8, 8, 0)));
        parts.addAll(Arrays.asList(ancillary));
        parts.add(chunk("IDAT", Arrays.copyOf(buf, n)));
        parts.add(chunk("IEND", new byte[0]));
        return concat(parts.toArray(new byte[0][]));
    }

    static byte[] pngWithChunkLength(String type, long declared) {
        byte[] valid = smallPngParts(chunk(type, "x".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer.wrap(valid).putInt(8 + 25, (int) declared);
        return valid;
    }

    static byte[] pngWithCompressedChunk(String type, byte[] prefix, long inflatedBytes) {
        return smallPngParts(chunk(type, concat(prefix, deflatedZeros(inflatedBytes))));
    }

    static byte[] pngWithManyTextChunks(int count) {
        byte[][] chunks = new byte[count][];
        byte[] text = chunk("tEXt", "Comment\0hostile".getBytes(StandardCharsets.ISO_8859_1));
        Arrays.fill(chunks, text);
        return smallPngParts(chunks);
    }

    // ---------------------------------------------------------------- JPEG

    static List<Hostile> jpeg() {
        return List.of(
                new Hostile("JPEG scans (CPU)", "progressive JPEG with 5,000 scans",
                        progressiveJpegWithScans(5000), RejectReason.TOO_LARGE),
                new Hostile("declared size", "JPEG frame declaring 65500x65500",
                        jpegWithSize(65_500, 65_500), RejectReason.TOO_LARGE),
                new Hostile("JPEG variants", "12-bit JPEG frame", jpegWithPrecision(12), RejectReason.UNDECODABLE),
                new Hostile("JPEG variants", "JPEG whose height comes later (DNL)", jpegWithSize(64, 0),
                        RejectReason.UNDECODABLE),
                new Hostile("long metadata", "JPEG with 200 64 KiB APP15 segments",
                        jpegWithAppSegments(200), null));
    }

    static byte[] smallJpeg() {
        BufferedImage image = TestImages.image(BufferedImage.TYPE_INT_RGB, 32, 24, TestImages::pattern);
        return ImageCodec.encodeJpeg(image, 0.9f);
    }

    static byte[] progressiveJpeg() {
        BufferedImage image = TestImages.image(BufferedImage.TYPE_INT_RGB, 64, 48, TestImages::pattern);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A real progressive JPEG whose last scan is repeated until it has {@code scans} scans. */
    static byte[] progressiveJpegWithScans(int scans) {
        byte[] jpeg = progressiveJpeg();
        List<Integer> starts = new ArrayList<>();
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                starts.add(i);
            }
        }
        int last = starts.get(starts.size() - 1);
        int eoi = jpeg.length - 2;
        byte[] scan = Arrays.copyOfRange(jpeg, last, eoi);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, eoi);
        for (int i = starts.size(); i < scans; i++) {
            out.writeBytes(scan);
        }
        out.write(jpeg, eoi, 2);
        return out.toByteArray();
    }

    /** A baseline JPEG with its frame header's size overwritten. */
    static byte[] jpegWithSize(int width, int height) {
        byte[] jpeg = smallJpeg();
        int sof = frameHeader(jpeg);
        ByteBuffer.wrap(jpeg).putShort(sof + 5, (short) height).putShort(sof + 7, (short) width);
        return jpeg;
    }

    static byte[] jpegWithPrecision(int bits) {
        byte[] jpeg = smallJpeg();
        jpeg[frameHeader(jpeg) + 4] = (byte) bits;
        return jpeg;
    }

    private static int frameHeader(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i;
            }
        }
        throw new IllegalStateException("no SOF0");
    }

    static byte[] jpegWithAppSegments(int count) {
        byte[] jpeg = smallJpeg();
        byte[] segment = new byte[65535 + 2];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xEF;
        segment[2] = (byte) 0xFF;
        segment[3] = (byte) 0xFF;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        for (int i = 0; i < count; i++) {
            out.writeBytes(segment);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- GIF

    static List<Hostile> gif() {
        return List.of(
                new Hostile("GIF screen vs frame", "1x1 frame on a 65535x65535 logical screen",
                        gif(65535, 65535, 1, 1, 0), RejectReason.TOO_LARGE),
                new Hostile("GIF screen vs frame", "65535x65535 frame on a 1x1 logical screen",
                        gif(1, 1, 65535, 65535, 0), RejectReason.TOO_LARGE),
                new Hostile("long metadata", "GIF with 100,000 comment extensions before its frame",
                        gif(4, 4, 4, 4, 100_000), null));
    }

    /**
     * A real 4x4 GIF (the JDK's writer) with its logical screen and first frame sizes overwritten and
     * {@code comments} comment extensions inserted before the first block.
     */
    static byte[] gif(int screenWidth, int screenHeight, int frameWidth, int frameHeight, int comments) {
        BufferedImage image = TestImages.image(BufferedImage.TYPE_INT_RGB, 4, 4, TestImages::pattern);
        byte[] gif = TestImages.encode(image, "gif");
        int flags = gif[10] & 0xFF;
        int blocks = 13 + ((flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(gif, 0, blocks);
        byte[] comment = {0x21, (byte) 0xFE, 7, 'h', 'o', 's', 't', 'i', 'l', 'e', 0};
        for (int i = 0; i < comments; i++) {
            out.writeBytes(comment);
        }
        out.write(gif, blocks, gif.length - blocks);
        byte[] result = out.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(6, (short) screenWidth).putShort(8, (short) screenHeight);
        int at = blocks + comments * comment.length;
        while ((result[at] & 0xFF) == 0x21) { // skip the writer's own extensions
            at += 2;
            while (result[at] != 0) {
                at += 1 + (result[at] & 0xFF);
            }
            at++;
        }
        b.putShort(at + 5, (short) frameWidth).putShort(at + 7, (short) frameHeight);
        return result;
    }

    // ---------------------------------------------------------------- WebP

    static List<Hostile> webp() {
        return List.of(
                new Hostile("WebP canvas", "VP8X canvas of 16777216 x 16777216",
                        webpExtended(1 << 24, 1 << 24, 0), RejectReason.TOO_LARGE),
                new Hostile("declared size", "lossless WebP declaring 16384x16384",
                        webpLossless(16384, 16384), RejectReason.TOO_LARGE),
                new Hostile("WebP chunk size", "WebP whose image chunk declares 2 GiB",
                        webpChunkLength(0x7FFF_FFF0L), RejectReason.UNDECODABLE),
                new Hostile("format allow-list", "animated WebP", webpExtended(16, 16, 0x02),
                        RejectReason.UNKNOWN_FORMAT),
                new Hostile("WebP canvas", "16x16 canvas around a 16384x16384 frame",
                        webpCanvasAround(16, 16, 16384, 16384), RejectReason.TOO_LARGE),
                new Hostile("reading past the end (CPU)", "lossless WebP whose entropy-coded data is garbage: "
                        + "the bit reader ran on past the end for 10-25 s, then returned noise",
                        webpWithGarbageData(), RejectReason.UNDECODABLE));
    }

    private static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(body);
        return b.array();
    }

    private static byte[] riffChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] vp8x(int width, int height, int flags) {
        ByteBuffer b = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) flags).put(new byte[3]);
        int w = width - 1;
        int h = height - 1;
        b.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16));
        b.put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
        return riffChunk("VP8X", b.array());
    }

    private static byte[] vp8lHeader(int width, int height) {
        long bits = (width - 1L) | (height - 1L) << 14;
        ByteBuffer b = ByteBuffer.allocate(5 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x2F).putInt((int) bits);
        return riffChunk("VP8L", b.array());
    }

    static byte[] webpExtended(int width, int height, int flags) {
        return riff(vp8x(width, height, flags), vp8lHeader(Math.min(width, 16384), Math.min(height, 16384)));
    }

    static byte[] webpLossless(int width, int height) {
        return riff(vp8lHeader(width, height));
    }

    static byte[] webpChunkLength(long declared) {
        byte[] file = webpLossless(16, 16);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(16, (int) declared);
        return file;
    }

    static byte[] webpWithGarbageData() {
        byte[] file = TestImages.readResource("webp/photo-lossless.webp");
        Arrays.fill(file, 40, file.length, (byte) 0x5A);
        return file;
    }

    static byte[] webpCanvasAround(int canvasWidth, int canvasHeight, int width, int height) {
        return riff(vp8x(canvasWidth, canvasHeight, 0), vp8lHeader(width, height));
    }
}
