package dev.imagedrift.image;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link SmallHeapDecodeTest} in a JVM of its own with a small heap: decodes each file and
 * prints one line per file, {@code name TAB outcome}, where outcome is {@code ok WxH},
 * {@code rejected REASON message} or {@code escaped CLASS} (the last must never happen).
 * Arguments: {@code default} (the heap-derived budget) or {@code unbudgeted} (a budget of 1 TiB,
 * so only the heap itself stops a decode), then the files.
 */
public final class SmallHeapDecodeMain {
    private SmallHeapDecodeMain() {}

    public static void main(String[] args) throws Exception {
        ImageDecoder decoder = "unbudgeted".equals(args[0])
                ? new ImageDecoder(DecodeLimits.defaults().withMaxDecodeBytes(1L << 40), ExifOrientation.IGNORE,
                        new DecodeMemory(1L << 40))
                : ImageDecoder.withDefaults();
        System.out.println("budget\t" + decoder.limits().maxDecodeBytes());
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            String outcome;
            try {
                DecodedImage image = decoder.decode(Files.readAllBytes(file), file.getFileName().toString());
                outcome = "ok " + image.width() + "x" + image.height();
            } catch (ImageRejected e) {
                outcome = "rejected " + e.reason().code() + " " + e.getMessage().replace('\t', ' ').replace('\n', ' ');
            } catch (Throwable t) {
                outcome = "escaped " + t.getClass().getName();
            }
            System.out.println(file.getFileName() + "\t" + outcome);
        }
    }
}
