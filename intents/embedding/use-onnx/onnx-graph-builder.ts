import { type Attribute, int64Tensor, type NodeProto, onnx, type TensorProto } from './onnx-protos.js';

/** The ONNX graph as the converter grows it: nodes, initializers, and the constants it reads back. */
export interface OnnxGraphBuilder {
  nodes: NodeProto[];
  initializers: TensorProto[];
  /** Integer constants by node name, for ops that take them as attributes or fixed bounds. */
  consts: Map<string, number[]>;
  /** tfjs tensor names that stand for another ONNX name (a Placeholder cast to int64). */
  rename: Map<string, string>;
  /** The ONNX name of a tfjs input ("node" or "node:port"). */
  ref(tfInput: string): string;
  emit(opType: string, input: string[], output: string[], attribute?: Attribute[]): void;
  /** The values of a constant input; throws when the input is not a constant. */
  constInts(tfInput: string): number[];
  /** A new int64 initializer holding `values`; returns its name. */
  int64Const(values: Array<number | bigint>): string;
}

export function createGraphBuilder(): OnnxGraphBuilder {
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  const consts = new Map<string, number[]>();
  const rename = new Map<string, string>();
  let serial = 0;

  const ref = (tfInput: string): string => {
    const [base, port] = tfInput.split(':') as [string, string | undefined];
    const name = port && port !== '0' ? `${base}:${port}` : base;
    return rename.get(name) ?? name;
  };
  const emit = (opType: string, input: string[], output: string[], attribute: Attribute[] = []): void => {
    nodes.push(onnx.NodeProto.create({ opType, input, output, attribute, name: `${output[0]}#${serial++}` }));
  };
  const constInts = (tfInput: string): number[] => {
    const v = consts.get(tfInput.split(':')[0]!);
    if (!v) throw new Error(`${tfInput} must be a constant`);
    return v;
  };
  const int64Const = (values: Array<number | bigint>): string => {
    const name = `const#${serial++}`;
    initializers.push(int64Tensor(name, [values.length], values));
    return name;
  };
  return { nodes, initializers, consts, rename, ref, emit, constInts, int64Const };
}
