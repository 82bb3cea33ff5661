package dev.imagedrift.evaluation;

import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.properties.PropertySet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Property tables of the images in directories (for example the bundled sample photos). */
public final class ImageFolders {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

    private ImageFolders() {}

    /**
     * Every image file directly inside the given directories (by name, directory by directory),
     * decoded and measured unshifted. Ids are "directory-name/file-name".
     *
     * @throws IOException naming the directory or the file that cannot be read or decoded
     */
    public static PropertyTable table(String name, PropertySet properties, List<Path> directories) throws IOException {
        ImageDecoder decoder = ImageDecoder.withDefaults();
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) throw new NotDirectoryException(dir + " (not a directory of images)");
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(ImageFolders::isImage).sorted().toList();
            }
            for (Path file : files) {
                try {
                    rows.add(properties.compute(decoder.decode(file)));
                } catch (ImageRejected e) {
                    throw new IOException(e.getMessage(), e);
                }
                ids.add(dir.getFileName() + "/" + file.getFileName());
            }
        }
        if (rows.isEmpty()) throw new IOException("no images in " + directories);
        return new PropertyTable(name, properties.names(), ids, rows.toArray(double[][]::new));
    }

    private static boolean isImage(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(lower::endsWith);
    }
}
