package dev.imagedrift.image;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JPEG encodings of one picture that take different paths through a decoder: chroma subsampling
 * 4:4:4, 4:2:2, 4:2:0, 4:4:0 and 4:1:1, progressive scans, restart markers, grayscale. Written
 * with ImageIO's encoder by editing its native metadata (SOF sampling factors, a DRI segment), so
 * the tests need no command-line tools.
 */
final class JpegVariants {
    private JpegVariants() {}

    /** Luma sampling factors (chroma is 1x1): 4:4:4 = 1x1, 4:2:2 = 2x1, 4:2:0 = 2x2, 4:4:0 = 1x2, 4:1:1 = 4x1. */
    record Subsampling(String name, int h, int v) {}

    static final Subsampling S444 = new Subsampling("4:4:4", 1, 1);
    static final Subsampling S422 = new Subsampling("4:2:2", 2, 1);
    static final Subsampling S420 = new Subsampling("4:2:0", 2, 2);
    static final Subsampling S440 = new Subsampling("4:4:0", 1, 2);
    static final Subsampling S411 = new Subsampling("4:1:1", 4, 1);

    /**
     * @param subsampling  luma sampling (ignored for gray images)
     * @param progressive  progressive scans instead of one baseline scan
     * @param restartEvery restart marker every this many MCUs, 0 for none
     */
    static byte[] encode(BufferedImage image, float quality, Subsampling subsampling, boolean progressive,
                         int restartEvery) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            String format = "javax_imageio_jpeg_image_1.0";
            Element root = (Element) metadata.getAsTree(format);
            Element markers = (Element) root.getElementsByTagName("markerSequence").item(0);
            if (image.getRaster().getNumBands() == 3) {
                NodeList components = ((Element) markers.getElementsByTagName("sof").item(0))
                        .getElementsByTagName("componentSpec");
                for (int i = 0; i < components.getLength(); i++) {
                    Element c = (Element) components.item(i);
                    c.setAttribute("HsamplingFactor", Integer.toString(i == 0 ? subsampling.h() : 1));
                    c.setAttribute("VsamplingFactor", Integer.toString(i == 0 ? subsampling.v() : 1));
                }
            }
            if (restartEvery > 0) {
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartEvery));
                Node sof = markers.getElementsByTagName("sof").item(0);
                markers.insertBefore(dri, sof);
            }
            metadata.setFromTree(format, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** The picture as an 8-bit gray image (luma by ImageIO's own conversion). */
    static BufferedImage gray(BufferedImage rgb) {
        BufferedImage gray = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(rgb, 0, 0, null);
        return gray;
    }

    /** The top-left {@code w} x {@code h} of the picture, as a separate image. */
    static BufferedImage crop(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, image.getType());
        out.getGraphics().drawImage(image.getSubimage(0, 0, w, h), 0, 0, null);
        return out;
    }
}
