package dev.imagedrift.image;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * libjpeg-turbo's own Java binding (TurboJPEG: {@code org.libjpegturbo.turbojpeg}, JNI over
 * {@code libturbojpeg.so}), found at run time and called through method handles.
 *
 * <p>Why this shape: Maven Central serves no artifact of the binding, so the build cannot depend
 * on it; Debian packages it ({@code libturbojpeg-java} for the jar, {@code libturbojpeg0-dev} for
 * the unversioned {@code libturbojpeg.so} its loader asks for). The binding is taken from the
 * application's class path when it is there, else from the jar file (default
 * {@link #DEFAULT_JAR}) in a class loader of its own whose parent is the platform loader, so
 * nothing else in that jar (it also carries {@code TJBench} and {@code TJExample} in the default
 * package) can clash with the application's classes. The jar is never shaded into ours.
 *
 * <p>A JNI library belongs to the class loader that loaded it, so the binding is loaded at most
 * once per JVM and jar path; every decoder shares it. {@code TJDecompressor} instances are not
 * thread-safe: callers keep one per thread.
 */
final class TurboJpegBinding {
    /** Where Debian's libturbojpeg-java installs the jar. */
    static final String DEFAULT_JAR_PATH = "/usr/share/java/turbojpeg.jar";
    static final Path DEFAULT_JAR = Path.of(DEFAULT_JAR_PATH);

    private static final String PACKAGE = "org.libjpegturbo.turbojpeg.";
    private static final Map<String, Loaded> LOADED = new HashMap<>();

    /** The binding, or why there is none. */
    record Loaded(TurboJpegBinding binding, String problem) {}

    final String origin;
    final int pfRgb;
    final int pfGray;
    final int csGray;
    final int csCmyk;
    final int csYcck;
    final int errWarning;
    final int flagAccurateDct;
    final int flagStopOnWarning;
    final int flagLimitScans;

    private final MethodHandle newDecompressor;
    private final MethodHandle setSourceImage;
    private final MethodHandle getWidth;
    private final MethodHandle getHeight;
    private final MethodHandle getColorspace;
    private final MethodHandle getScaledWidth;
    private final MethodHandle getScaledHeight;
    private final MethodHandle decompress;
    private final MethodHandle close;
    private final MethodHandle errorCode;
    private final Class<?> exceptionType;

    private TurboJpegBinding(Class<?> tj, Class<?> decompressor, Class<?> exception, String origin)
            throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        this.origin = origin;
        pfRgb = constant(tj, "PF_RGB");
        pfGray = constant(tj, "PF_GRAY");
        csGray = constant(tj, "CS_GRAY");
        csCmyk = constant(tj, "CS_CMYK");
        csYcck = constant(tj, "CS_YCCK");
        errWarning = constant(tj, "ERR_WARNING");
        flagAccurateDct = constant(tj, "FLAG_ACCURATEDCT");
        flagStopOnWarning = constant(tj, "FLAG_STOPONWARNING");
        flagLimitScans = constant(tj, "FLAG_LIMITSCANS");
        newDecompressor = lookup.findConstructor(decompressor, MethodType.methodType(void.class))
                .asType(MethodType.methodType(Object.class));
        setSourceImage = virtual(lookup, decompressor, "setSourceImage", void.class, byte[].class, int.class);
        getWidth = virtual(lookup, decompressor, "getWidth", int.class);
        getHeight = virtual(lookup, decompressor, "getHeight", int.class);
        getColorspace = virtual(lookup, decompressor, "getColorspace", int.class);
        getScaledWidth = virtual(lookup, decompressor, "getScaledWidth", int.class, int.class, int.class);
        getScaledHeight = virtual(lookup, decompressor, "getScaledHeight", int.class, int.class, int.class);
        decompress = virtual(lookup, decompressor, "decompress", void.class, byte[].class, int.class, int.class,
                int.class, int.class, int.class, int.class, int.class);
        close = virtual(lookup, decompressor, "close", void.class);
        errorCode = virtual(lookup, exception, "getErrorCode", int.class);
        exceptionType = exception;
    }

    /**
     * The binding from the class path, else from {@code jar}; loaded once per JVM and jar path.
     * Never throws: a missing jar, a missing native library or an incompatible binding comes back
     * as a problem to report.
     */
    static synchronized Loaded load(Path jar) {
        String key = jar == null ? "" : jar.toAbsolutePath().normalize().toString();
        return LOADED.computeIfAbsent(key, k -> tryLoad(jar));
    }

    private static Loaded tryLoad(Path jar) {
        ClassLoader own = TurboJpegBinding.class.getClassLoader();
        if (present(own)) {
            return link(own, "the class path");
        }
        if (jar == null) {
            return new Loaded(null, "the TurboJPEG binding is not on the class path and no jar is configured");
        }
        if (!Files.isRegularFile(jar)) {
            return new Loaded(null, jar + " not found (Debian: apt-get install libturbojpeg-java libturbojpeg0-dev)");
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            return new Loaded(null, jar + ": " + e.getMessage());
        }
        // Never closed: the classes (and the JNI library tied to this loader) live as long as the JVM.
        @SuppressWarnings("resource")
        URLClassLoader loader = new URLClassLoader("turbojpeg", new URL[] {url}, ClassLoader.getPlatformClassLoader());
        if (!present(loader)) {
            return new Loaded(null, jar + " holds no " + PACKAGE + "TJDecompressor");
        }
        return link(loader, jar.toString());
    }

    private static boolean present(ClassLoader loader) {
        try {
            Class.forName(PACKAGE + "TJDecompressor", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Links the handles and creates (and closes) one decompressor, which loads the native library. */
    private static Loaded link(ClassLoader loader, String origin) {
        try {
            Class<?> tj = Class.forName(PACKAGE + "TJ", true, loader);
            Class<?> decompressor = Class.forName(PACKAGE + "TJDecompressor", true, loader);
            Class<?> exception = Class.forName(PACKAGE + "TJException", true, loader);
            TurboJpegBinding binding = new TurboJpegBinding(tj, decompressor, exception, origin);
            binding.close(binding.newDecompressor());
            return new Loaded(binding, null);
        } catch (UnsatisfiedLinkError e) {
            return new Loaded(null, "the TurboJPEG binding in " + origin + " cannot load libturbojpeg.so ("
                    + e.getMessage() + "; Debian: apt-get install libturbojpeg0-dev)");
        } catch (ExceptionInInitializerError e) {
            return new Loaded(null, "the TurboJPEG binding in " + origin + " failed to initialise: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError | DecodeFailure e) {
            return new Loaded(null, "the TurboJPEG binding in " + origin + " is not usable: " + e);
        }
    }

    private static int constant(Class<?> tj, String name) throws ReflectiveOperationException {
        return tj.getField(name).getInt(null);
    }

    private static MethodHandle virtual(MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> result,
                                        Class<?>... parameters) throws ReflectiveOperationException {
        MethodHandle h = lookup.findVirtual(owner, name, MethodType.methodType(result, parameters));
        return h.asType(h.type().changeParameterType(0, Object.class));
    }

    /** A failure inside the binding: a TurboJPEG error or warning, or anything else it threw. */
    static final class DecodeFailure extends Exception {
        private final boolean warning;

        DecodeFailure(String message, boolean warning, Throwable cause) {
            super(message, cause);
            this.warning = warning;
        }

        /** TurboJPEG stopped on a libjpeg warning (FLAG_STOPONWARNING), not a fatal error. */
        boolean isWarning() { return warning; }
    }

    Object newDecompressor() throws DecodeFailure {
        try {
            return newDecompressor.invokeExact();
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** Reads the header of {@code jpeg}: size, subsampling and colour space; no pixels yet. */
    void setSourceImage(Object d, byte[] jpeg) throws DecodeFailure {
        try {
            setSourceImage.invokeExact(d, jpeg, jpeg.length);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    int width(Object d) throws DecodeFailure { return intOf(getWidth, d); }

    int height(Object d) throws DecodeFailure { return intOf(getHeight, d); }

    int colorspace(Object d) throws DecodeFailure { return intOf(getColorspace, d); }

    /** Width of the largest TurboJPEG scaling that fits {@code desiredWidth} x {@code desiredHeight}. */
    int scaledWidth(Object d, int desiredWidth, int desiredHeight) throws DecodeFailure {
        try {
            return (int) getScaledWidth.invokeExact(d, desiredWidth, desiredHeight);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** Height of the largest TurboJPEG scaling that fits {@code desiredWidth} x {@code desiredHeight}. */
    int scaledHeight(Object d, int desiredWidth, int desiredHeight) throws DecodeFailure {
        try {
            return (int) getScaledHeight.invokeExact(d, desiredWidth, desiredHeight);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** Decodes into {@code dst} (packed rows of {@code pitch} bytes) at the given (scaled) size. */
    void decompress(Object d, byte[] dst, int width, int pitch, int height, int pixelFormat, int flags)
            throws DecodeFailure {
        try {
            decompress.invokeExact(d, dst, 0, 0, width, pitch, height, pixelFormat, flags);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    void close(Object d) throws DecodeFailure {
        try {
            close.invokeExact(d);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** A header field; the binding throws IllegalStateException when the header gave none. */
    private int intOf(MethodHandle getter, Object d) throws DecodeFailure {
        try {
            return (int) getter.invokeExact(d);
        } catch (Throwable t) {
            throw failure(t);
        }
    }

    /** Errors (out of memory, ...) pass through; everything the binding throws otherwise becomes a DecodeFailure. */
    private DecodeFailure failure(Throwable t) {
        if (t instanceof InvocationTargetException ite && ite.getCause() != null) {
            t = ite.getCause();
        }
        if (t instanceof Error error && !(t instanceof LinkageError)) {
            throw error;
        }
        boolean warning = false;
        if (exceptionType.isInstance(t)) {
            try {
                warning = (int) errorCode.invokeExact((Object) t) == errWarning;
            } catch (Throwable ignored) {
                warning = false;
            }
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new DecodeFailure(message, warning, t);
    }
}
