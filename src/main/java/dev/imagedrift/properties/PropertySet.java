package dev.imagedrift.properties;

import dev.imagedrift.image.DecodedImage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The ordered list of properties computed for every image: the seven built-ins (computed together
 * in one pass over the pixels) followed by any custom {@link ImageProperty}s. A property vector is
 * a {@code double[]} in this order, with {@code NaN} where a property has no value.
 */
public final class PropertySet {
    private static final PropertySet DEFAULTS = new PropertySet(List.of());

    private final List<ImageProperty> extras;
    private final List<String> names;
    private final Map<String, Integer> indexByKey;

    private PropertySet(List<ImageProperty> extras) {
        this.extras = List.copyOf(extras);
        List<String> all = new ArrayList<>(BuiltinProperty.displayNames());
        for (ImageProperty p : extras) {
            all.add(p.name());
        }
        if (new LinkedHashSet<>(all).size() != all.size()) {
            throw new IllegalArgumentException("property names must be unique: " + all);
        }
        this.names = Collections.unmodifiableList(all);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            index.put(all.get(i), i);
            index.put(key(all.get(i)), i);
        }
        this.indexByKey = Map.copyOf(index);
    }

    /** The seven built-in properties. */
    public static PropertySet defaults() { return DEFAULTS; }

    /** The built-ins followed by the given custom properties. */
    public static PropertySet withExtras(List<ImageProperty> extras) {
        return extras.isEmpty() ? DEFAULTS : new PropertySet(extras);
    }

    /** The built-ins followed by every property of every {@link ImagePropertyProvider} on the classpath. */
    public static PropertySet discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /** The built-ins followed by the properties of the providers {@code loader} can see. */
    public static PropertySet discover(ClassLoader loader) {
        List<ImageProperty> found = new ArrayList<>();
        for (ImagePropertyProvider provider : ServiceLoader.load(ImagePropertyProvider.class, loader)) {
            found.addAll(provider.properties());
        }
        return withExtras(found);
    }

    public List<String> names() { return names; }

    public int size() { return names.size(); }

    /**
     * Position of a property given by display name ("RMS Contrast") or key ("rms_contrast"),
     * or -1 when this set has no such property.
     */
    public int indexOf(String nameOrKey) {
        Integer i = indexByKey.get(nameOrKey);
        if (i == null) {
            i = indexByKey.get(key(nameOrKey));
        }
        return i == null ? -1 : i;
    }

    /** All property values of one image, in {@link #names()} order. */
    public double[] compute(DecodedImage image) {
        double[] out = new double[names.size()];
        BuiltinPropertyKernel.compute(image, out);
        int base = BuiltinProperty.values().length;
        for (int i = 0; i < extras.size(); i++) {
            out[base + i] = extras.get(i).compute(image);
        }
        return out;
    }

    /** Snake-case key of a display name: "Mean Red Relative Intensity" becomes "mean_red_relative_intensity". */
    public static String key(String displayName) {
        String k = displayName.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return k.replaceAll("^_+|_+$", "");
    }
}
