package dev.imagedrift.reference;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the image files under a directory: recursively, following links (loops are cut), in a
 * deterministic order (by relative path). Files without an image extension are not read: each is
 * listed as skipped with reason {@code unknown_format}, so nothing is left out silently. The
 * extension only picks the files to try; the decoder goes by the content (a {@code .png} holding a
 * WebP is read as WebP).
 */
public final class ImageFiles {
    /** File name extensions taken as images (compared case-insensitively): the one list of them. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "jpe", "jfif", "png", "bmp", "dib", "gif",
            "webp", "tif", "tiff");
    /** The extensions, sorted and comma-separated, for help texts and messages. */
    public static final String EXTENSION_LIST = String.join(", ", new java.util.TreeSet<>(EXTENSIONS));
    /** Reason code of a file without an image extension (the decoder's code for an unknown format). */
    static final String UNKNOWN_FORMAT = dev.imagedrift.image.RejectReason.UNKNOWN_FORMAT.code();
    /** Reason code of a file or directory the walk itself could not read. */
    static final String UNREADABLE = "unreadable";

    private ImageFiles() {}

    /** One image file: its id (path relative to the root, '/'-separated) and its path. */
    record ImageFile(String id, Path path) {}

    /**
     * The result of a walk.
     *
     * @param images     image files, sorted by id
     * @param others     regular files without an image extension, as skips, sorted by id
     * @param unreadable entries the walk could not read, sorted by id
     */
    record Scan(List<ImageFile> images, List<SkippedImage> others, List<SkippedImage> unreadable) {}

    public static boolean hasImageExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static Scan scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root + " (not a directory of images)");
        }
        List<ImageFile> images = new ArrayList<>();
        List<SkippedImage> unreadable = new ArrayList<>();
        List<SkippedImage> others = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        boolean image = hasImageExtension(file.getFileName().toString());
                        if (image && attrs.isRegularFile()) {
                            images.add(new ImageFile(idOf(root, file), file));
                        } else if (image) {
                            // A broken link, a pipe or a device named like an image: never opened.
                            unreadable.add(new SkippedImage(idOf(root, file), UNREADABLE,
                                    file + ": not a regular file"));
                        } else {
                            String fileName = file.getFileName().toString();
                            int dot = fileName.lastIndexOf('.');
                            others.add(new SkippedImage(idOf(root, file), UNKNOWN_FORMAT, file + ": "
                                    + (dot < 0 ? "no file name extension" : "extension " + fileName.substring(dot))
                                    + " is not an image extension (" + EXTENSION_LIST + "); not read"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        if (!(exc instanceof FileSystemLoopException)) {
                            unreadable.add(new SkippedImage(idOf(root, file), UNREADABLE, file + ": " + exc));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        images.sort(Comparator.comparing(ImageFile::id));
        unreadable.sort(Comparator.comparing(SkippedImage::id));
        others.sort(Comparator.comparing(SkippedImage::id));
        return new Scan(List.copyOf(images), List.copyOf(others), List.copyOf(unreadable));
    }

    /** The path relative to the root with '/' separators, the same on every operating system. */
    static String idOf(Path root, Path file) {
        Path relative = root.relativize(file);
        StringBuilder id = new StringBuilder();
        for (Path part : relative) {
            if (!id.isEmpty()) {
                id.append('/');
            }
            id.append(part);
        }
        return id.toString();
    }
}
