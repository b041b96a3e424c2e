import { DT, type NodeProto, onnx, type TensorProto } from './onnx-protos.js';

/** The input names the converted model takes: the same sparse feed as the tfjs model, as int32. */
export const ONNX_INPUTS = { indices: 'indices', values: 'values' } as const;
export const ONNX_OUTPUT = 'embedding';

/** Wraps the converted nodes into a USE Lite ONNX model (opset 13) and encodes it. */
export function encodeOnnxModel(nodes: NodeProto[], initializers: TensorProto[]): Uint8Array {
  // Constants read only as attributes (axes, perms, slice bounds) need no initializer.
  const used = new Set(nodes.flatMap((node) => node.input));
  const initializer = initializers.filter((t) => used.has(t.name));
  const valueInfo = (name: string, elemType: number, dims: Array<string | number>) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
    });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'first-reply tfjs-to-onnx',
    opsetImport: [{ domain: '', version: 13 }],
    graph: onnx.GraphProto.create({
      name: 'use-lite',
      node: nodes,
      initializer,
      input: [valueInfo(ONNX_INPUTS.indices, DT.INT32, ['tokens', 2]), valueInfo(ONNX_INPUTS.values, DT.INT32, ['tokens'])],
      output: [valueInfo(ONNX_OUTPUT, DT.FLOAT, ['batch', 512])],
    }),
  });
  return onnx.ModelProto.encode(model).finish();
}
