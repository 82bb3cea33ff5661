package dev.imagedrift.reference;

import dev.imagedrift.detect.Samples;

import java.util.List;
import java.util.Map;

/** The reference each stream is compared with: one global reference, optionally overridden per stream. */
public final class ReferenceSet {
    /**
     * One loaded reference sample and its snapshot's content version (echoed in score records as
     * {@code referenceVersion}), computed once when the reference is loaded.
     */
    public record Reference(Samples samples, String contentVersion, ReferenceEmbeddings embeddings) {
        /** A reference without embeddings. */
        public Reference(Samples samples, String contentVersion) {
            this(samples, contentVersion, null);
        }

        public static Reference of(ReferenceSnapshot snapshot) {
            return new Reference(snapshot.toSamples(), snapshot.contentVersion(), snapshot.embeddings());
        }

        /** The projected reference embeddings as detector input, or null when there are none. */
        public Samples embeddingSamples() {
            return embeddings == null ? null : embeddings.toSamples();
        }
    }

    private final Reference global;
    private final Map<String, Reference> perStream;

    public ReferenceSet(Reference global, Map<String, Reference> perStream) {
        this.global = global;
        this.perStream = Map.copyOf(perStream);
        for (Map.Entry<String, Reference> e : this.perStream.entrySet()) {
            if (!e.getValue().samples().propertyNames().equals(global.samples().propertyNames())) {
                throw new IllegalArgumentException("the reference of stream '" + e.getKey()
                        + "' has properties " + e.getValue().samples().propertyNames()
                        + ", the global reference " + global.samples().propertyNames());
            }
        }
    }

    public static ReferenceSet global(Samples samples, String version) {
        return new ReferenceSet(new Reference(samples, version), Map.of());
    }

    public Reference forStream(String stream) {
        return perStream.getOrDefault(stream, global);
    }

    public List<String> propertyNames() {
        return global.samples().propertyNames();
    }

    /** Whether any reference (global or per stream) has embeddings. */
    public boolean hasEmbeddings() {
        return global.embeddings() != null || perStream.values().stream().anyMatch(r -> r.embeddings() != null);
    }

    /** The global reference (its embedding model is the one the stream's embedder must be). */
    public Reference global() {
        return global;
    }

    public int globalSize() {
        return global.samples().size();
    }
}
