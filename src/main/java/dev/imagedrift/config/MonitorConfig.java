package dev.imagedrift.config;

import dev.imagedrift.detect.DetectionMode;
import dev.imagedrift.detect.DetectorSettings;
import dev.imagedrift.image.DecodeLimits;
import dev.imagedrift.image.ExifOrientation;
import dev.imagedrift.image.ImageDecoder;
import dev.imagedrift.image.ImageFormat;
import dev.imagedrift.reference.SnapshotOptions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The monitor's whole configuration: one typed object, loaded once by {@link ConfigLoader} (file,
 * then environment overrides) and validated with messages naming the key. Every key is optional;
 * the defaults suit a busy production stream.
 */
public record MonitorConfig(Kafka kafka, Topics topics, Window window, Reference reference, Detection detection,
                            Alerting alerting, Images images, Metrics metrics, Measurement properties,
                            Embedding embedding, Reliability reliability) {

    public MonitorConfig {
        kafka = kafka == null ? new Kafka(null, null, null, null, null, null, null) : kafka;
        topics = topics == null ? new Topics(null, null, null, null) : topics;
        window = window == null ? new Window(null, null, null, null, null, null) : window;
        reference = reference == null ? new Reference(null, null) : reference;
        detection = detection == null ? Detection.defaults() : detection;
        alerting = alerting == null ? new Alerting(null, null, null) : alerting;
        images = images == null ? new Images(null, null, null, null, null, null, null) : images;
        metrics = metrics == null ? new Metrics(null, null, null, null) : metrics;
        properties = properties == null ? new Measurement(null) : properties;
        embedding = embedding == null ? new Embedding(null) : embedding;
        reliability = reliability == null ? new Reliability(null, null, null, null, null) : reliability;
    }

    public static MonitorConfig defaults() {
        return new MonitorConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Checks every value; throws {@link ConfigException} naming the first bad key. */
    public MonitorConfig validate() {
        kafka.validate();
        topics.validate();
        window.validate();
        detection.validate();
        alerting.validate();
        images.validate();
        metrics.validate();
        properties.validate();
        embedding.validate();
        reliability.validate();
        if (metrics.staleAfter() != null) {
            Duration between = window.advance().plus(window.grace());
            require(metrics.staleAfter().compareTo(between) > 0, "metrics.stale-after",
                    "must be longer than window.advance + window.grace (" + Durations.format(between)
                            + "), or a stream's series would vanish between its windows",
                    Durations.format(metrics.staleAfter()));
        }
        return this;
    }

    /**
     * How long a stream's per-stream series stay on /metrics after this process last did window
     * work for it: {@code metrics.stale-after}, by default 3 window lengths plus the grace.
     */
    public Duration staleSeriesAfter() {
        return metrics.staleAfter() != null ? metrics.staleAfter()
                : window.size().multipliedBy(3).plus(window.grace());
    }

    /**
     * The image decoder this configuration asks for: its limits, JPEG decoder and properties mode.
     * Loads the TurboJPEG binding (once per JVM) unless {@code images.jpeg-decoder} is imageio.
     *
     * @throws ConfigException when TurboJPEG is required (images.jpeg-decoder: turbojpeg, or
     *                         properties.mode: fast) and cannot be loaded
     */
    public ImageDecoder imageDecoder() {
        dev.imagedrift.image.JpegDecoding decoding;
        try {
            decoding = dev.imagedrift.image.JpegDecoding.select(images.jpegDecoderPreference(),
                    java.nio.file.Path.of(images.turbojpegJar()));
        } catch (IllegalStateException e) {
            throw new ConfigException("images.jpeg-decoder is turbojpeg: " + e.getMessage());
        }
        dev.imagedrift.properties.PropertiesMode mode = properties.propertiesMode();
        if (!mode.jpegScaling().isFull() && !decoding.supportsReducedScale()) {
            throw new ConfigException("properties.mode fast needs the TurboJPEG decoder, and the JPEG decoder is "
                    + decoding);
        }
        return new ImageDecoder(images.decodeLimits(), images.orientation(), dev.imagedrift.image.DecodeMemory.shared(),
                decoding, mode.jpegScaling());
    }

    private static void require(boolean ok, String key, String problem, Object value) {
        if (!ok) {
            throw new ConfigException(key + " " + problem + ", got " + value);
        }
    }

    private static String nonBlank(String v, String key, String fallback) {
        if (v == null) return fallback;
        require(!v.isBlank(), key, "must not be blank", "'" + v + "'");
        return v.trim();
    }

    /**
     * Kafka connection and Streams settings. {@code properties} passes any Kafka client or Streams
     * setting through unchanged (security.protocol, sasl.*, ssl.*, replication.factor, ...).
     * {@code rocksdbMemoryMb} bounds the off-heap memory of all state stores together (block cache
     * and memtables), so the pod's memory limit can be set from the heap plus this.
     */
    public record Kafka(String bootstrapServers, String applicationId, String processingGuarantee,
                        Integer numStreamThreads, String stateDir, Integer rocksdbMemoryMb,
                        Map<String, String> properties) {
        public Kafka {
            bootstrapServers = nonBlank(bootstrapServers, "kafka.bootstrap-servers", "localhost:9092");
            applicationId = nonBlank(applicationId, "kafka.application-id", "image-drift-monitor");
            processingGuarantee = nonBlank(processingGuarantee, "kafka.processing-guarantee", "exactly_once_v2");
            numStreamThreads = numStreamThreads == null ? 1 : numStreamThreads;
            stateDir = nonBlank(stateDir, "kafka.state-dir", "/var/lib/imagedrift/state");
            rocksdbMemoryMb = rocksdbMemoryMb == null ? 64 : rocksdbMemoryMb;
            properties = properties == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(properties));
        }

        void validate() {
            require(processingGuarantee.equals("exactly_once_v2") || processingGuarantee.equals("at_least_once"),
                    "kafka.processing-guarantee", "must be exactly_once_v2 or at_least_once", processingGuarantee);
            require(numStreamThreads >= 1 && numStreamThreads <= 64, "kafka.num-stream-threads",
                    "must be between 1 and 64", numStreamThreads);
            require(rocksdbMemoryMb >= 8 && rocksdbMemoryMb <= 65_536, "kafka.rocksdb-memory-mb",
                    "must be between 8 and 65536", rocksdbMemoryMb);
            for (String key : properties.keySet()) {
                if (!KafkaSettingNames.isKnown(key)) {
                    throw new ConfigException("kafka.properties." + key + " is not a Kafka client or Streams setting"
                            + KafkaSettingNames.suggestion(key));
                }
            }
        }
    }

    /** Topic names. */
    public record Topics(String events, String deadLetter, String scores, String alerts) {
        public Topics {
            events = nonBlank(events, "topics.events", "image-events");
            deadLetter = nonBlank(deadLetter, "topics.dead-letter", "image-events-dlq");
            scores = nonBlank(scores, "topics.scores", "image-drift-scores");
            alerts = nonBlank(alerts, "topics.alerts", "image-drift-alerts");
        }

        void validate() {
            java.util.Set<String> distinct = new java.util.HashSet<>(java.util.List.of(events, deadLetter, scores, alerts));
            require(distinct.size() == 4, "topics", "must name four different topics", this);
        }
    }

    /**
     * Event-time windows: tumbling when {@code advance} equals {@code size} (the default), hopping
     * when smaller. Events later than {@code grace} after their window's end are dropped and
     * dead-lettered as late. {@code maxSamples} bounds the reservoir kept per stream and window.
     * {@code maxClockSkew}: events stamped further than this ahead of the monitor's clock are
     * refused, because one device with a wrong clock would otherwise move stream time forward and
     * make every other stream's events on its partition late. Windows close on each stream's own
     * event time (see the README, "Windows and state"); a stream gone quiet has its windows closed
     * once its partition's time less {@code maxClockSkew} passes them. {@code maxStreams} bounds the
     * streams one partition tracks (window state); events of further new streams are dead-lettered
     * ({@code too_many_streams}).
     */
    public record Window(Duration size, Duration advance, Duration grace, Integer maxSamples, Duration maxClockSkew,
                         Integer maxStreams) {
        public Window {
            size = size == null ? Duration.ofMinutes(5) : size;
            advance = advance == null ? size : advance;
            grace = grace == null ? Duration.ofMinutes(1) : grace;
            maxSamples = maxSamples == null ? SnapshotOptions.DEFAULT_MAX_SAMPLES : maxSamples;
            maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(10) : maxClockSkew;
            maxStreams = maxStreams == null ? DEFAULT_MAX_STREAMS : maxStreams;
        }

        /** Streams one partition tracks by default: a camera fleet's worth, and a hostile producer's limit. */
        public static final int DEFAULT_MAX_STREAMS = 1_000;

        void validate() {
            require(size.toMillis() > 0, "window.size", "must be positive", Durations.format(size));
            require(advance.toMillis() > 0 && advance.compareTo(size) <= 0, "window.advance",
                    "must be positive and at most window.size (" + Durations.format(size) + ")", Durations.format(advance));
            require(size.toMillis() % advance.toMillis() == 0, "window.advance",
                    "must divide window.size (" + Durations.format(size) + ")", Durations.format(advance));
            require(!grace.isNegative(), "window.grace", "must not be negative", Durations.format(grace));
            require(maxSamples >= 2 && maxSamples <= 1_000_000, "window.max-samples",
                    "must be between 2 and 1000000", maxSamples);
            require(maxClockSkew.toMillis() > 0, "window.max-clock-skew", "must be positive",
                    Durations.format(maxClockSkew));
            require(maxStreams >= 1 && maxStreams <= 1_000_000, "window.max-streams", "must be between 1 and 1000000",
                    maxStreams);
        }

        public boolean tumbling() { return advance.equals(size); }
    }

    /** The reference snapshot: one global file, optionally overridden per stream. */
    public record Reference(String snapshot, Map<String, String> perStream) {
        public Reference {
            snapshot = nonBlank(snapshot, "reference.snapshot", "/etc/imagedrift/reference/reference.json.gz");
            perStream = perStream == null ? Map.of() : Map.copyOf(perStream);
        }
    }

    /** Correction of the per-window significance level for the number of streams tested. */
    public enum Correction { NONE, BONFERRONI }

    /**
     * The decision rule. {@code alpha} is the false-alarm probability per window for the whole
     * fleet of {@code expected-streams} streams when {@code correction} is bonferroni.
     */
    public record Detection(String mode, Double alpha, Double minScore, Integer minSamples, Integer folds,
                            String correction, Integer expectedStreams, Integer exemplars, Integer trees,
                            Integer maxDepth, Double learningRate, Integer minLeafSize, Integer importanceRepeats,
                            Long seed) {
        public Detection {
            DetectorSettings d = DetectorSettings.calibratedDefaults();
            mode = nonBlank(mode, "detection.mode", "calibrated");
            alpha = alpha == null ? d.alpha() : alpha;
            minScore = minScore == null ? d.minScore() : minScore;
            minSamples = minSamples == null ? d.minSamples() : minSamples;
            folds = folds == null ? d.folds() : folds;
            correction = nonBlank(correction, "detection.correction", "bonferroni");
            expectedStreams = expectedStreams == null ? 1 : expectedStreams;
            exemplars = exemplars == null ? d.exemplars() : exemplars;
            trees = trees == null ? d.trees() : trees;
            maxDepth = maxDepth == null ? d.maxDepth() : maxDepth;
            learningRate = learningRate == null ? d.learningRate() : learningRate;
            minLeafSize = minLeafSize == null ? d.minLeafSize() : minLeafSize;
            // importanceRepeats stays null until detectorSettings(): its default depends on the mode.
            seed = seed == null ? d.seed() : seed;
        }

        static Detection defaults() {
            return new Detection(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        public DetectionMode detectionMode() {
            String m = mode.toLowerCase(Locale.ROOT).replace('-', '_');
            return switch (m) {
                case "calibrated" -> DetectionMode.CALIBRATED;
                case "reference_check" -> DetectionMode.REFERENCE_CHECK;
                default -> throw new ConfigException(
                        "detection.mode must be calibrated or reference-check, got " + mode);
            };
        }

        public Correction correctionMethod() {
            try {
                return Correction.valueOf(correction.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("detection.correction must be bonferroni or none, got " + correction);
            }
        }

        /** Per-window significance level after the correction across streams. */
        public double perWindowAlpha() {
            return correctionMethod() == Correction.BONFERRONI ? alpha / expectedStreams : alpha;
        }

        /** Detector settings for one window, with the corrected significance level. */
        public DetectorSettings detectorSettings() {
            try {
                return new DetectorSettings(detectionMode(), folds, trees, maxDepth, learningRate, minLeafSize,
                        perWindowAlpha(), minScore, minSamples, importanceRepeats != null ? importanceRepeats
                        : (detectionMode() == DetectionMode.CALIBRATED ? DetectorSettings.calibratedDefaults()
                        : DetectorSettings.referenceCheckDefaults()).importanceRepeats(), exemplars, seed);
            } catch (IllegalArgumentException e) {
                // DetectorSettings names its fields in camelCase; say the configuration key instead.
                String msg = e.getMessage();
                int space = msg.indexOf(' ');
                String field = space < 0 ? msg : msg.substring(0, space);
                throw new ConfigException("detection." + ConfigLoader.kebab(field) + msg.substring(field.length()), e);
            }
        }

        void validate() {
            detectionMode();
            correctionMethod();
            require(alpha > 0 && alpha < 1, "detection.alpha", "must be in (0, 1)", alpha);
            require(expectedStreams >= 1, "detection.expected-streams", "must be at least 1", expectedStreams);
            detectorSettings();
        }
    }

    /** Alert hysteresis: FIRING after fire-after of the last out-of windows drifted; RESOLVED after resolve-after clean windows. */
    public record Alerting(Integer fireAfter, Integer outOf, Integer resolveAfter) {
        public Alerting {
            fireAfter = fireAfter == null ? 2 : fireAfter;
            outOf = outOf == null ? 3 : outOf;
            resolveAfter = resolveAfter == null ? 2 : resolveAfter;
        }

        void validate() {
            require(fireAfter >= 1, "alerting.fire-after", "must be at least 1", fireAfter);
            require(outOf >= fireAfter && outOf <= 64, "alerting.out-of",
                    "must be between alerting.fire-after (" + fireAfter + ") and 64", outOf);
            require(resolveAfter >= 1, "alerting.resolve-after", "must be at least 1", resolveAfter);
        }
    }

    /**
     * What the decoder reads and how much it may take (see {@link DecodeLimits}). {@code maxDecodeBytes}
     * null = derived: a quarter of the heap ({@link DecodeLimits#defaultMaxDecodeBytes()}).
     * {@code formats}: the allow-list, comma-separated. {@code exifOrientation}: {@code ignore} (as the
     * reference check) or {@code apply}. {@code jpegDecoder}: {@code auto} (TurboJPEG when it loads,
     * else ImageIO), {@code turbojpeg} (refuse to start without it) or {@code imageio};
     * {@code turbojpegJar}: where the binding's jar is looked for.
     */
    public record Images(Long maxPixels, Long maxBytes, Long maxDecodeBytes, String formats, String exifOrientation,
                         String jpegDecoder, String turbojpegJar) {
        /** Every format the decoder supports, in the configuration's spelling. */
        public static final String ALL_FORMATS = ImageFormat.all().stream().map(ImageFormat::id)
                .collect(java.util.stream.Collectors.joining(","));

        public Images {
            maxPixels = maxPixels == null ? ImageDecoder.DEFAULT_MAX_PIXELS : maxPixels;
            maxBytes = maxBytes == null ? ImageDecoder.DEFAULT_MAX_BYTES : maxBytes;
            formats = formats == null ? ALL_FORMATS : formats;
            exifOrientation = exifOrientation == null ? ExifOrientation.IGNORE.id() : exifOrientation;
            jpegDecoder = nonBlank(jpegDecoder, "images.jpeg-decoder",
                    dev.imagedrift.image.JpegDecoding.Preference.AUTO.code());
            turbojpegJar = nonBlank(turbojpegJar, "images.turbojpeg-jar",
                    dev.imagedrift.image.JpegDecoding.DEFAULT_TURBOJPEG_JAR_PATH);
        }

        public Images(Long maxPixels, Long maxBytes) {
            this(maxPixels, maxBytes, null, null, null, null, null);
        }

        /** The parsed {@code images.jpeg-decoder}. */
        public dev.imagedrift.image.JpegDecoding.Preference jpegDecoderPreference() {
            return dev.imagedrift.image.JpegDecoding.Preference.parse(jpegDecoder);
        }

        void validate() {
            try {
                jpegDecoderPreference();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("images.jpeg-decoder: " + e.getMessage());
            }
            require(maxPixels >= 1 && maxPixels <= ImageDecoder.MAX_SUPPORTED_PIXELS,
                    "images.max-pixels", "must be between 1 and " + ImageDecoder.MAX_SUPPORTED_PIXELS,
                    maxPixels);
            require(maxBytes >= 1, "images.max-bytes", "must be positive", maxBytes);
            require(maxDecodeBytes == null || maxDecodeBytes >= 1, "images.max-decode-bytes", "must be positive",
                    maxDecodeBytes);
            try {
                allowedFormats();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("images.formats " + e.getMessage() + ", got '" + formats + "'");
            }
            try {
                ExifOrientation.of(exifOrientation);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("images.exif-orientation must be 'ignore' or 'apply', got '"
                        + exifOrientation + "'");
            }
        }

        /** The allow-list; a blank list or an unknown name is an IllegalArgumentException. */
        public java.util.Set<ImageFormat> allowedFormats() {
            java.util.Set<ImageFormat> set = java.util.EnumSet.noneOf(ImageFormat.class);
            for (String id : formats.split(",")) {
                if (!id.isBlank()) {
                    set.add(ImageFormat.of(id));
                }
            }
            if (set.isEmpty()) {
                throw new IllegalArgumentException("must name at least one format");
            }
            return set;
        }

        /** The decoder's limits from these keys. */
        public DecodeLimits decodeLimits() {
            return new DecodeLimits(maxPixels, maxBytes,
                    maxDecodeBytes == null ? DecodeLimits.defaultMaxDecodeBytes() : maxDecodeBytes, allowedFormats());
        }

        public ExifOrientation orientation() {
            return ExifOrientation.of(exifOrientation);
        }
    }

    /**
     * How properties are measured: {@code mode} exact (every pixel, the default) or fast (JPEG at
     * reduced scale, see {@link dev.imagedrift.properties.PropertiesMode#FAST}). The reference
     * snapshots must have been made in the same mode.
     */
    public record Measurement(String mode) {
        public Measurement {
            mode = nonBlank(mode, "properties.mode", dev.imagedrift.properties.PropertiesMode.EXACT.code());
        }

        public dev.imagedrift.properties.PropertiesMode propertiesMode() {
            return dev.imagedrift.properties.PropertiesMode.parse(mode);
        }

        void validate() {
            try {
                propertiesMode();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("properties.mode: " + e.getMessage());
            }
        }
    }

    /**
     * The HTTP endpoint serving /metrics, /healthz and /readyz. {@code staleAfter} (null = the
     * default of {@link MonitorConfig#staleSeriesAfter()}) is how long an idle stream's series stay.
     */
    public record Metrics(Integer port, String host, Duration staleAfter, Integer maxStreams) {
        public Metrics {
            port = port == null ? 9400 : port;
            host = nonBlank(host, "metrics.host", "0.0.0.0");
            maxStreams = maxStreams == null ? Window.DEFAULT_MAX_STREAMS : maxStreams;
        }

        public Metrics(Integer port, String host) {
            this(port, host, null, null);
        }

        void validate() {
            require(port >= 0 && port <= 65535, "metrics.port", "must be between 0 and 65535 (0 = any free port)", port);
            require(maxStreams >= 1 && maxStreams <= 100_000, "metrics.max-streams", "must be between 1 and 100000",
                    maxStreams);
        }
    }

    /**
     * What the monitor does when processing fails, so that it never loops forever and its health
     * endpoint tells the truth. A record whose processing stopped a stream thread
     * {@code maxRecordAttempts} times is dead-lettered ({@code repeated_failure}); a failed stream
     * thread is replaced after {@code replacementBackoff}, doubled for each earlier replacement within
     * {@code replacementPeriod} (at most a minute); more than {@code maxThreadReplacements} replacements
     * within {@code replacementPeriod} shut the client down (/healthz fails, {@code run} exits 1).
     * {@code run} also exits 1 when it has not reached the Kafka cluster for {@code unreachableTimeout}.
     */
    public record Reliability(Integer maxRecordAttempts, Integer maxThreadReplacements, Duration replacementPeriod,
                              Duration replacementBackoff, Duration unreachableTimeout) {
        public Reliability {
            maxRecordAttempts = maxRecordAttempts == null ? 3 : maxRecordAttempts;
            maxThreadReplacements = maxThreadReplacements == null ? 5 : maxThreadReplacements;
            replacementPeriod = replacementPeriod == null ? Duration.ofMinutes(10) : replacementPeriod;
            replacementBackoff = replacementBackoff == null ? Duration.ofSeconds(1) : replacementBackoff;
            unreachableTimeout = unreachableTimeout == null ? Duration.ofMinutes(5) : unreachableTimeout;
        }

        void validate() {
            require(maxRecordAttempts >= 1 && maxRecordAttempts <= 100, "reliability.max-record-attempts",
                    "must be between 1 and 100", maxRecordAttempts);
            require(maxThreadReplacements >= 0 && maxThreadReplacements <= 1000, "reliability.max-thread-replacements",
                    "must be between 0 and 1000", maxThreadReplacements);
            require(replacementPeriod.toMillis() > 0, "reliability.replacement-period", "must be positive",
                    Durations.format(replacementPeriod));
            require(!replacementBackoff.isNegative(), "reliability.replacement-backoff", "must not be negative",
                    Durations.format(replacementBackoff));
            require(unreachableTimeout.toMillis() > 0, "reliability.unreachable-timeout", "must be positive",
                    Durations.format(unreachableTimeout));
        }
    }

    /**
     * The embedding model the monitor runs itself, for events that carry an image but no embedding.
     * Its input size and normalisation, and its name, come from the reference snapshot (recorded when
     * the snapshot's embeddings were computed with {@code snapshot --onnx-model}); only the file's
     * location is configured, since it differs between the machine that built the snapshot and the pod.
     * Null: only embeddings that events carry are used.
     */
    public record Embedding(String onnxModel) {
        public Embedding {
            onnxModel = onnxModel == null ? null : nonBlank(onnxModel, "embedding.onnx-model", null);
        }

        void validate() {
            if (onnxModel != null) {
                require(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(onnxModel)), "embedding.onnx-model",
                        "must name a readable model file", onnxModel);
            }
        }
    }
}
