import onnxProto from 'onnx-proto';

// The ONNX protobuf types and the small constructors the converter builds its graph from.

export const { onnx } = onnxProto;
export const DT = onnx.TensorProto.DataType;
export const AT = onnx.AttributeProto.AttributeType;
export type Attribute = InstanceType<typeof onnx.AttributeProto>;
export type NodeProto = InstanceType<typeof onnx.NodeProto>;
export type TensorProto = InstanceType<typeof onnx.TensorProto>;

// TensorFlow DataType enum values used by the graph.
export const TF_FLOAT = 1;
const TF_INT32 = 3;
const TF_INT64 = 9;
const TF_BOOL = 10;
export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

/**
 * Every integer becomes int64 in the ONNX graph: ONNX's Shape, NonZero, Reshape, Slice and the index
 * ops all speak int64, so one integer type spares a Cast at each of them.
 */
export function onnxType(tfType: number): number {
  if (tfType === TF_FLOAT) return DT.FLOAT;
  if (tfType === TF_INT32 || tfType === TF_INT64) return DT.INT64;
  if (tfType === TF_BOOL) return DT.BOOL;
  throw new Error(`TensorFlow dtype ${tfType} is not supported`);
}

export const int = (name: string, i: number): Attribute => onnx.AttributeProto.create({ name, type: AT.INT, i });
export const ints = (name: string, v: number[]): Attribute => onnx.AttributeProto.create({ name, type: AT.INTS, ints: v });

export function int64Tensor(name: string, dims: number[], values: Array<number | bigint>): TensorProto {
  const data = BigInt64Array.from(values.map((v) => BigInt(v)));
  return onnx.TensorProto.create({ name, dims, dataType: DT.INT64, rawData: new Uint8Array(data.buffer) });
}

export function floatTensor(name: string, dims: number[], data: Float32Array): TensorProto {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: DT.FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
}
