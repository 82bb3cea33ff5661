#!/usr/bin/python3
# Writes samples/models/tiny-embedder.onnx: the small image model the tests, the demo and the
# evaluation use, since no real model weights can be downloaded. A fixed random convolution
# network (seed 12), not trained: two strided 3x3/5x5 convolutions with ReLU, then 4x4 average
# pooling to a 2x2 grid, flattened to a 64-value embedding. Random convolutions still respond to
# edges, texture and layout, so different kinds of content land in different places.
#
#   input  "image"      float32 [N, 3, 32, 32]  (NCHW, RGB, normalised as the embedder spec says)
#   output "embedding"  float32 [N, 64]
#
# Needs Debian's python3-onnx and python3-numpy (apt-get install python3-onnx). Run from the
# project root: /usr/bin/python3 scripts/make-test-model.py
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.RandomState(12)


def conv_weights(out_ch, in_ch, k):
    fan_in = in_ch * k * k
    return (rng.standard_normal((out_ch, in_ch, k, k)) / np.sqrt(fan_in)).astype(np.float32)


w1 = conv_weights(8, 3, 5)
b1 = (0.1 * rng.standard_normal(8)).astype(np.float32)
w2 = conv_weights(16, 8, 3)
b2 = (0.1 * rng.standard_normal(16)).astype(np.float32)

nodes = [
    helper.make_node("Conv", ["image", "w1", "b1"], ["c1"], kernel_shape=[5, 5], strides=[2, 2], pads=[2, 2, 2, 2]),
    helper.make_node("Relu", ["c1"], ["r1"]),
    helper.make_node("Conv", ["r1", "w2", "b2"], ["c2"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]),
    helper.make_node("Relu", ["c2"], ["r2"]),
    helper.make_node("AveragePool", ["r2"], ["p"], kernel_shape=[4, 4], strides=[4, 4]),
    helper.make_node("Flatten", ["p"], ["embedding"], axis=1),
]
graph = helper.make_graph(
    nodes, "tiny-embedder",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, 32, 32])],
    [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", 64])],
    initializer=[numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(b1, "b1"),
                 numpy_helper.from_array(w2, "w2"), numpy_helper.from_array(b2, "b2")])
model = helper.make_model(graph, producer_name="image-drift-monitor scripts/make-test-model.py",
                          opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 7
onnx.checker.check_model(model)
onnx.save(model, "samples/models/tiny-embedder.onnx")
print("wrote samples/models/tiny-embedder.onnx:", sum(a.size for a in (w1, b1, w2, b2)), "weights")
