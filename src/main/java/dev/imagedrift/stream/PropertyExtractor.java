package dev.imagedrift.stream;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageRejected;
import dev.imagedrift.properties.PropertySet;

import java.util.Arrays;
import java.util.Map;

/** Reduces an {@link ImageEvent} to an {@link Observation}: decodes and measures, or checks precomputed values. */
public final class PropertyExtractor {
    private final ImageDecoder decoder;
    private final PropertySet properties;

    public PropertyExtractor(ImageDecoder decoder, PropertySet properties) {
        this.decoder = decoder;
        this.properties = properties;
    }

    public Observation extract(ImageEvent event, SourcePosition source) throws RejectedEvent {
        return Observation.measured(event.id(), event.stream(), event.timestampMs(), measure(event), source,
                dev.imagedrift.window.DecodeCap.NONE);
    }

    /** The event's property values: its image decoded and measured, or its precomputed values checked. */
    public double[] measure(ImageEvent event) throws RejectedEvent {
        if (event.properties() != null) {
            return precomputed(event.properties());
        }
        return properties.compute(decode(event));
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
