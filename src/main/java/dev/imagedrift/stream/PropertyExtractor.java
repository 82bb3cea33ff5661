package dev.imagedrift.stream;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.properties.PropertySet;

import java.util.Arrays;
import java.util.Map;

/**
 * Reduces an {@link ImageEvent} to an {@link Observation}: decodes and measures, or checks precomputed
 * values; and projects its embedding ({@link EmbeddingProjector}) when there is one.
 */
public final class PropertyExtractor {
    private static final double[] NO_PROPERTIES = new double[0];

    private final ImageDecoder decoder;
    private final PropertySet properties;
    private final EmbeddingProjector embeddings;

    public PropertyExtractor(ImageDecoder decoder, PropertySet properties) {
        this(decoder, properties, EmbeddingProjector.NONE);
    }

    PropertyExtractor(ImageDecoder decoder, PropertySet properties, EmbeddingProjector embeddings) {
        this.decoder = decoder;
        this.properties = properties;
        this.embeddings = embeddings;
    }

    /**
     * Whether extracting this event decodes an image: it has one and no precomputed properties. Only
     * these pass the decode gate; the others are measured (and embedded) as they come.
     */
    public static boolean decodes(ImageEvent event) {
        return event.properties() == null && event.hasImage();
    }

    public Observation extract(ImageEvent event, SourcePosition source) throws RejectedEvent {
        if (event.properties() != null) {
            return observation(event, source, precomputed(event.properties()), embeddings.project(event, null));
        }
        if (event.hasImage()) {
            return measure(event, source);
        }
        return observation(event, source, NO_PROPERTIES, embeddings.project(event, null));
    }

    /**
     * Decodes and measures. An encoded image is decoded into the thread's reused buffer, so everything
     * that reads its pixels (the properties, the embedder) runs inside the decoder's callback.
     */
    private Observation measure(ImageEvent event, SourcePosition source) throws RejectedEvent {
        String name = "event " + event.id();
        Measured measured;
        try {
            if (event.rawPixels() != null) {
                ImageEvent.RawPixels raw = event.rawPixels();
                measured = measured(event, decoder.fromRaw(raw.width(), raw.height(), raw.channels(), raw.data(), name));
            } else {
                measured = decoder.decodeTransiently(event.encodedImage(), name, image -> measured(event, image));
            }
        } catch (ImageRejected e) {
            throw new RejectedEvent(DeadLetterReason.of(e.reason()), e.getMessage());
        }
        if (measured.rejected() != null) {
            throw measured.rejected();
        }
        return observation(event, source, measured.values(), measured.projected());
    }

    private Measured measured(ImageEvent event, DecodedImage image) {
        double[] values = properties.compute(image);
        try {
            return new Measured(values, embeddings.project(event, image), null);
        } catch (RejectedEvent e) {
            return new Measured(values, null, e);
        }
    }

    /** What was read from one image's pixels while they were valid; {@code rejected} carries the embedder's refusal. */
    private record Measured(double[] values, double[] projected, RejectedEvent rejected) {}

    private static Observation observation(ImageEvent event, SourcePosition source, double[] values, double[] projected)
            throws RejectedEvent {
        if (values.length == 0 && projected == null) {
            throw new RejectedEvent(DeadLetterReason.EMBEDDING_NOT_CONFIGURED, "the event has neither an image nor "
                    + "properties, and its embedding cannot be used");
        }
        return new Observation(event.id(), event.stream(), event.timestampMs(), values, source, projected);
    }

    /** Every property must be named (null allowed, meaning "no value"); unknown names are refused. */
    private double[] precomputed(Map<String, Double> given) throws RejectedEvent {
        double[] values = new double[properties.size()];
        boolean[] seen = new boolean[values.length];
        Arrays.fill(values, Double.NaN);
        for (Map.Entry<String, Double> e : given.entrySet()) {
            int i = properties.indexOf(e.getKey());
            if (i < 0) {
                throw new RejectedEvent(DeadLetterReason.UNKNOWN_PROPERTY, "unknown property " + EventIdentifiers.quote(e.getKey())
                        + "; known: " + String.join(", ", properties.names()));
            }
            if (seen[i]) {
                throw new RejectedEvent(DeadLetterReason.WRONG_TYPE,
                        "property '" + properties.names().get(i) + "' is given twice");
            }
            seen[i] = true;
            values[i] = e.getValue();
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new RejectedEvent(DeadLetterReason.MISSING_FIELD, "missing property '" + properties.names().get(i)
                        + "' (give null when it has no value)");
            }
        }
        return values;
    }
}
