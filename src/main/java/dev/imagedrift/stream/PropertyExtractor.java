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

    public Observation extract(ImageEvent event, SourcePosition source) throws RejectedEvent {
        double[] values;
        DecodedImage image = null;
        if (event.properties() != null) {
            values = precomputed(event.properties());
        } else if (event.hasImage()) {
            image = decode(event);
            values = properties.compute(image);
        } else {
            values = NO_PROPERTIES;
        }
        double[] projected = embeddings.project(event, image);
        if (values.length == 0 && projected == null) {
            throw new RejectedEvent(DeadLetterReason.EMBEDDING_NOT_CONFIGURED, "the event has neither an image nor "
                    + "properties, and its embedding cannot be used");
        }
        return new Observation(event.id(), event.stream(), event.timestampMs(), values, source, projected);
    }

    private DecodedImage decode(ImageEvent event) throws RejectedEvent {
        String name = "event " + event.id();
        try {
            if (event.rawPixels() != null) {
                ImageEvent.RawPixels raw = event.rawPixels();
                return decoder.fromRaw(raw.width(), raw.height(), raw.channels(), raw.data(), name);
            }
            return decoder.decode(event.encodedImage(), name);
        } catch (ImageRejected e) {
            throw new RejectedEvent(DeadLetterReason.of(e.reason()), e.getMessage());
        }
    }

    /** Every property must be named (null allowed, meaning "no value"); unknown names are refused. */
    private double[] precomputed(Map<String, Double> given) throws RejectedEvent {
        double[] values = new double[properties.size()];
        boolean[] seen = new boolean[values.length];
        Arrays.fill(values, Double.NaN);
        for (Map.Entry<String, Double> e : given.entrySet()) {
            int i = properties.indexOf(e.getKey());
            if (i < 0) {
                throw new RejectedEvent(DeadLetterReason.UNKNOWN_PROPERTY, "unknown property '" + e.getKey()
                        + "'; known: " + String.join(", ", properties.names()));
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
