package dev.imagedrift.embedding.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.imagedrift.embedding.EmbedderSpec;
import dev.imagedrift.embedding.Embedding;
import dev.imagedrift.embedding.EmbeddingFailedException;
import dev.imagedrift.embedding.EmbeddingLimits;
import dev.imagedrift.embedding.ImageEmbedder;
import dev.imagedrift.embedding.ModelInput;
import dev.imagedrift.image.DecodedImage;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * An image model in ONNX format, run with ONNX Runtime on the CPU. The model takes one float tensor
 * of shape [batch, 3, size, size] (NCHW, RGB; batch and size may be symbolic) and its first output
 * is the embedding, [batch, dimension] or [batch, dimension, 1, 1]. Images are prepared by
 * {@link ModelInput}. One session serves every thread (ONNX Runtime's {@code run} is thread-safe),
 * each call on one intra-op thread: the callers (snapshot workers, stream threads) are the
 * parallelism.
 */
final class OnnxImageEmbedder implements ImageEmbedder {
    private final EmbedderSpec spec;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final int dimension;

    private OnnxImageEmbedder(EmbedderSpec spec, OrtEnvironment env, OrtSession session, String inputName,
                              int dimension) {
        this.spec = spec;
        this.env = env;
        this.session = session;
        this.inputName = inputName;
        this.dimension = dimension;
    }

    static OnnxImageEmbedder open(EmbedderSpec spec) throws EmbeddingFailedException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = env.createSession(spec.modelFile().toString(), options);
        } catch (OrtException e) {
            throw new EmbeddingFailedException("cannot load the ONNX model " + spec.modelFile() + ": " + e.getMessage(), e);
        }
        try {
            String input = checkInput(spec, session);
            OnnxImageEmbedder probe = new OnnxImageEmbedder(spec, env, session, input, -1);
            // The output's dimension is often symbolic in the file: one blank image says what it is.
            float[] out = probe.run(new float[3 * spec.inputSize() * spec.inputSize()]);
            EmbeddingLimits.checkDimension(out.length, "the model's output");
            return new OnnxImageEmbedder(spec, env, session, input, out.length);
        } catch (EmbeddingFailedException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof EmbeddingFailedException f) throw f;
            throw new EmbeddingFailedException(spec.modelFile() + ": " + e.getMessage(), e);
        }
    }

    private static String checkInput(EmbedderSpec spec, OrtSession session) throws EmbeddingFailedException {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new EmbeddingFailedException(spec.modelFile() + ": the model has " + inputs.size()
                        + " inputs; an image embedder takes one (the image tensor)");
            }
            Map.Entry<String, NodeInfo> input = inputs.entrySet().iterator().next();
            if (!(input.getValue().getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
                throw new EmbeddingFailedException(spec.modelFile() + ": input '" + input.getKey()
                        + "' is not a float tensor");
            }
            long[] shape = t.getShape();
            long s = spec.inputSize();
            if (shape.length != 4 || !fits(shape[1], 3) || !fits(shape[2], s) || !fits(shape[3], s)) {
                throw new EmbeddingFailedException(spec.modelFile() + ": input '" + input.getKey() + "' has shape "
                        + Arrays.toString(shape) + "; expected [batch, 3, " + s + ", " + s + "] (set the input size to "
                        + "the model's)");
            }
            return input.getKey();
        } catch (OrtException e) {
            throw new EmbeddingFailedException(spec.modelFile() + ": cannot read the model's inputs: " + e.getMessage(), e);
        }
    }

    /** A dimension of the file's shape matches when equal, or symbolic (-1). */
    private static boolean fits(long declared, long wanted) {
        return declared < 0 || declared == wanted;
    }

    @Override
    public String model() { return spec.model(); }

    @Override
    public int dimension() { return dimension; }

    @Override
    public EmbedderSpec spec() { return spec; }

    @Override
    public float[] embed(DecodedImage image) throws EmbeddingFailedException {
        float[] out = run(ModelInput.chw(image, spec));
        if (out.length != dimension) {
            throw new EmbeddingFailedException("the model returned " + out.length + " values, earlier " + dimension);
        }
        int bad = Embedding.firstNonFinite(out);
        if (bad >= 0) {
            throw new EmbeddingFailedException("the model returned " + out[bad] + " at position " + bad);
        }
        return out;
    }

    private float[] run(float[] chw) throws EmbeddingFailedException {
        long s = spec.inputSize();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(chw), new long[] {1, 3, s, s});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxValue value = result.get(0);
            if (!(value instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT) {
                throw new EmbeddingFailedException("the model's first output is not a float tensor");
            }
            long[] shape = out.getInfo().getShape();
            long size = 1;
            for (int i = 1; i < shape.length; i++) size *= shape[i];
            if (shape.length < 2 || shape[0] != 1 || size > EmbeddingLimits.MAX_DIMENSION) {
                throw new EmbeddingFailedException("the model's output has shape " + Arrays.toString(shape)
                        + "; expected [1, dimension] with dimension at most " + EmbeddingLimits.MAX_DIMENSION);
            }
            FloatBuffer buffer = out.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return values;
        } catch (OrtException e) {
            throw new EmbeddingFailedException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; a failure here leaves nothing to recover.
        }
    }
}
