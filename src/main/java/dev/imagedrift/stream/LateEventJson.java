package dev.imagedrift.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * The dead-letter value of a late event: by the time lateness is known the image has been reduced
 * to its properties, so the record carries those in the precomputed-properties event format (it
 * can be replayed as is). An embedding has by then been projected; its coordinates go along as
 * {@code projectedEmbedding} for the record, but cannot be replayed as an embedding. An event whose
 * image was not decoded (it could not enter a sample) has only its envelope here, without
 * {@code properties}; the dead letter's source headers name the original record, which is the one
 * to replay.
 */
final class LateEventJson {
    private LateEventJson() {}

    static byte[] of(Observation o, List<String> propertyNames) {
        ObjectNode root = JsonSerde.MAPPER.createObjectNode();
        root.put("id", o.id());
        root.put("stream", o.stream());
        root.put("timestamp", Instant.ofEpochMilli(o.timestampMs()).toString());
        if (o.hasProperties()) {
            ObjectNode props = root.putObject("properties");
            for (int i = 0; i < propertyNames.size(); i++) {
                double v = o.values()[i];
                if (Double.isNaN(v)) {
                    props.putNull(propertyNames.get(i));
                } else {
                    props.put(propertyNames.get(i), v);
                }
            }
        }
        if (o.embedding() != null) {
            com.fasterxml.jackson.databind.node.ArrayNode e = root.putArray("projectedEmbedding");
            for (double v : o.embedding()) e.add(v);
        }
        try {
            return JsonSerde.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a late event as JSON", e);
        }
    }
}
