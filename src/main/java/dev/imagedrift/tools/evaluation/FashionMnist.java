package dev.imagedrift.tools.evaluation;

import dev.imagedrift.image.DecodedImage;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the images of an IDX file (the MNIST / Fashion-MNIST format, gzip-compressed): a header
 * 0x00000803, the image count, rows, columns (big-endian ints), then one byte a pixel, row by row.
 */
final class FashionMnist {
    private static final int IMAGES_MAGIC = 0x00000803;
    /** Far above Fashion-MNIST's 60,000; guards against a corrupt count allocating gigabytes. */
    private static final int MAX_IMAGES = 1_000_000;
    private static final int MAX_SIDE = 1024;

    private FashionMnist() {}

    /** The first {@code limit} images (all of them if fewer), as grayscale images. */
    static List<DecodedImage> read(Path file, int limit) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(file + ": not an IDX image file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x803)");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || count > MAX_IMAGES || rows < 1 || rows > MAX_SIDE || cols < 1 || cols > MAX_SIDE) {
                throw new IOException(file + ": implausible IDX header (" + count + " images of " + rows + "x" + cols + ")");
            }
            int n = Math.min(count, limit);
            List<DecodedImage> images = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] pixels = new byte[rows * cols];
                try {
                    in.readFully(pixels);
                } catch (EOFException e) {
                    throw new IOException(file + ": truncated at image " + i + " of " + count, e);
                }
                images.add(DecodedImage.gray(cols, rows, pixels));
            }
            return images;
        }
    }
}
