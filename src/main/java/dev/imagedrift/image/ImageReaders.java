package dev.imagedrift.image;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one reader used for each format, chosen by class: never by {@code ImageIO.getImageReaders},
 * whose answer depends on every plugin that happens to be on the classpath (a custom property's
 * jar could bring one that takes over JPEG) and on each plugin's content sniffing. JPEG, PNG, BMP
 * and GIF are the JDK's own readers; WebP and TIFF are TwelveMonkeys'.
 */
final class ImageReaders {
    private static final Map<ImageFormat, ImageReaderSpi> PROVIDERS = providers();

    private ImageReaders() {}

    static ImageReader create(ImageFormat format) throws IOException {
        return PROVIDERS.get(format).createReaderInstance();
    }

    private static Map<ImageFormat, ImageReaderSpi> providers() {
        Map<ImageFormat, ImageReaderSpi> map = new EnumMap<>(ImageFormat.class);
        map.put(ImageFormat.JPEG, jdk("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi"));
        map.put(ImageFormat.PNG, jdk("com.sun.imageio.plugins.png.PNGImageReaderSpi"));
        map.put(ImageFormat.BMP, jdk("com.sun.imageio.plugins.bmp.BMPImageReaderSpi"));
        map.put(ImageFormat.GIF, jdk("com.sun.imageio.plugins.gif.GIFImageReaderSpi"));
        map.put(ImageFormat.WEBP, new WebPImageReaderSpi());
        map.put(ImageFormat.TIFF, new TIFFImageReaderSpi());
        return map;
    }

    /** The JDK's registered provider of that class (its package is not exported, so looked up by name). */
    private static ImageReaderSpi jdk(String className) {
        try {
            Class<?> type = Class.forName(className);
            Object spi = IIORegistry.getDefaultInstance().getServiceProviderByClass(type);
            if (spi instanceof ImageReaderSpi reader) {
                return reader;
            }
            throw new IllegalStateException("the JDK's image reader " + className + " is not registered");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the JDK has no image reader " + className, e);
        }
    }
}
