package dev.imagedrift.tools.evaluation;

import dev.imagedrift.image.DecodedImage;
import dev.imagedrift.properties.PropertySet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the evaluation's images from the unpacked Debian packages and measures them once per
 * variant (cached):
 * <ul>
 *   <li>the pool: {@code poolSize} crops of the 44 photographs of the bundled samples, each
 *       measured as decoded and under every {@link Shift};</li>
 *   <li>domain "nebulae": {@code nebulaCount} crops, drawn the same way, of stellarium-data's other
 *       nebula photographs;</li>
 *   <li>domain "fashion-mnist": the first {@code fashionCount} images of Fashion-MNIST's test set
 *       (28x28 grayscale product photos).</li>
 * </ul>
 *
 * @param root         the unpacked packages (holds {@code usr/})
 * @param poolSize     crops in the pool (two disjoint windows of the largest size must fit)
 * @param nebulaCount  crops in the nebula domain
 * @param fashionCount Fashion-MNIST images (at most 10,000)
 * @param seed         seed of every crop
 */
public record EvaluationPool(Path root, int poolSize, int nebulaCount, int fashionCount, long seed) {
    public static final String NEBULAE = "nebulae";
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Bumped whenever the way vectors are made changes, so old cache entries are not reused. */
    private static final int RECIPE = 1;

    public EvaluationPool {
        if (poolSize < 2) throw new IllegalArgumentException("pool size must be at least 2, got " + poolSize);
        if (nebulaCount < 0 || fashionCount < 0) throw new IllegalArgumentException("domain sizes must be >= 0");
    }

    /** The drift scenarios this data supports: every shift, then the two other domains. */
    public static List<Scenario> scenarios() {
        List<Scenario> list = new ArrayList<>();
        for (Shift shift : Shift.values()) if (shift != Shift.NONE) list.add(Scenario.shifted(shift));
        list.add(Scenario.otherDomain(NEBULAE, "Other domain: nebula photos"));
        list.add(Scenario.otherDomain(FASHION_MNIST, "Other domain: Fashion-MNIST"));
        return list;
    }

    /**
     * The data, from the cache when an entry for exactly these inputs exists, else built and cached.
     *
     * @throws IOException naming the missing file when the packages are not unpacked under {@code root}
     */
    public EvaluationData load(Path cacheDir, int threads, Progress.Factory progress) throws IOException {
        PropertySet properties = PropertySet.defaults();
        List<String> nebulae = PhotoSources.nebulae(root);
        String description = describe(properties, nebulae);
        VectorCache cache = new VectorCache(cacheDir);
        Optional<Map<String, PropertyTable>> cached = cache.load(description);
        Map<String, PropertyTable> tables = cached.isPresent() ? cached.get() : build(properties, nebulae, threads, progress);
        if (cached.isEmpty()) cache.store(description, tables);
        Map<Shift, PropertyTable> pool = new EnumMap<>(Shift.class);
        for (Shift shift : Shift.values()) pool.put(shift, tables.get(poolTable(shift)));
        Map<String, PropertyTable> domains = new LinkedHashMap<>();
        domains.put(NEBULAE, tables.get(domainTable(NEBULAE)));
        domains.put(FASHION_MNIST, tables.get(domainTable(FASHION_MNIST)));
        return new EvaluationData(pool, domains);
    }

    /** Whether {@link #load} would read the vectors from {@code cacheDir} instead of building them. */
    public boolean isCached(Path cacheDir) throws IOException {
        return new VectorCache(cacheDir).has(fingerprint());
    }

    /** Everything the vectors depend on, as text (the vector cache's key). */
    String fingerprint() throws IOException {
        return describe(PropertySet.defaults(), PhotoSources.nebulae(root));
    }

    /** The photographs of the nebula domain found under {@code root}. */
    public int nebulaPhotographs() throws IOException {
        return PhotoSources.nebulae(root).size();
    }

    private Map<String, PropertyTable> build(PropertySet properties, List<String> nebulae, int threads,
                                             Progress.Factory progress) throws IOException {
        Map<String, PropertyTable> tables = new LinkedHashMap<>();
        Shift[] shifts = Shift.values();
        CropGenerator poolCrops = new CropGenerator(root, PhotoSources.POOL, TrialSeeds.derive(seed, 1), poolSize, "pool");
        double[][][] poolRows = new double[shifts.length][poolSize][];
        try (Progress p = progress.start("pool crops x " + shifts.length + " variants", poolSize, "crops")) {
            poolCrops.generate(threads, (i, image) -> {
                for (Shift shift : shifts) poolRows[shift.ordinal()][i] = shift.measure(image, properties, poolCrops.id(i));
                p.step();
            });
        }
        List<String> poolIds = ids(poolCrops, poolSize);
        for (Shift shift : shifts) {
            tables.put(poolTable(shift), new PropertyTable(poolTable(shift), properties.names(), poolIds,
                    poolRows[shift.ordinal()]));
        }

        CropGenerator nebulaCrops = new CropGenerator(root, nebulae, TrialSeeds.derive(seed, 2), nebulaCount, "nebula");
        double[][] nebulaRows = new double[nebulaCount][];
        try (Progress p = progress.start("nebula crops", nebulaCount, "crops")) {
            nebulaCrops.generate(threads, (i, image) -> {
                nebulaRows[i] = properties.compute(image);
                p.step();
            });
        }
        tables.put(domainTable(NEBULAE), new PropertyTable(domainTable(NEBULAE), properties.names(),
                ids(nebulaCrops, nebulaCount), nebulaRows));

        List<DecodedImage> fashion = FashionMnist.read(root.resolve(PhotoSources.FASHION_MNIST), fashionCount);
        if (fashion.size() < fashionCount) {
            throw new IOException(root.resolve(PhotoSources.FASHION_MNIST) + " holds " + fashion.size()
                    + " images, fewer than the " + fashionCount + " asked for");
        }
        List<String> fashionIds = new ArrayList<>();
        double[][] fashionRows = new double[fashion.size()][];
        for (int i = 0; i < fashionRows.length; i++) {
            fashionRows[i] = properties.compute(fashion.get(i));
            fashionIds.add(String.format(Locale.ROOT, "fashion-mnist-t10k-%05d", i));
        }
        tables.put(domainTable(FASHION_MNIST), new PropertyTable(domainTable(FASHION_MNIST), properties.names(),
                fashionIds, fashionRows));
        return tables;
    }

    /** Everything the vectors depend on, including every source file's size (a different package version shows). */
    private String describe(PropertySet properties, List<String> nebulae) throws IOException {
        StringBuilder d = new StringBuilder();
        d.append("recipe=").append(RECIPE).append(";seed=").append(seed).append(";pool=").append(poolSize)
                .append(";nebulae=").append(nebulaCount).append(";fashion=").append(fashionCount)
                .append(";jpeg=").append(CropGenerator.JPEG_QUALITY)
                .append(";properties=").append(properties.names())
                .append(";shifts=").append(Arrays.stream(Shift.values()).map(Shift::key).toList());
        for (String photo : PhotoSources.POOL) d.append(";pool:").append(photo).append(':').append(sizeOf(photo));
        for (String photo : nebulae) d.append(";nebula:").append(photo).append(':').append(sizeOf(photo));
        d.append(";fashion:").append(sizeOf(PhotoSources.FASHION_MNIST));
        return d.toString();
    }

    private long sizeOf(String relative) throws IOException {
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
        return Files.size(file);
    }

    private static List<String> ids(CropGenerator crops, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) ids.add(crops.id(i));
        return ids;
    }

    static String poolTable(Shift shift) { return "pool/" + shift.key(); }

    static String domainTable(String domain) { return "domain/" + domain; }
}
