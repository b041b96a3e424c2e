import { createGraphBuilder } from './onnx-graph-builder.js';
import { encodeOnnxModel, ONNX_OUTPUT } from './onnx-model.js';
import { AT, DT, floatTensor, int, int64Tensor, INT64_MAX, INT64_MIN, ints, onnx, onnxType, TF_FLOAT } from './onnx-protos.js';
import type { TfAttr, TfjsGraph, TfNode } from './tfjs-graph.js';

/**
 * Translates a tfjs graph model, op by op, into an ONNX graph (opset 13) computing the same thing:
 * no op is re-derived by hand, so the timing signal, layer norms, attention scaling and padding mask
 * are whatever the graph says. Covers exactly the ops USE Lite uses; anything else throws.
 */
export function tfjsToOnnx(graph: TfjsGraph, outputNode: string): Uint8Array {
  const builder = createGraphBuilder();
  const { initializers, consts, rename, ref, emit, constInts, int64Const } = builder;
  const attr = (n: TfNode, key: string): TfAttr | undefined => n.attr?.[key];
  const flag = (n: TfNode, key: string): boolean => attr(n, key)?.b === true;
  const num = (n: TfNode, key: string): number => Number(attr(n, key)?.i ?? 0);

  for (const n of graph.nodes) {
    const inputs = (n.input ?? []).filter((i) => !i.startsWith('^')).map(ref);
    const raw = (n.input ?? []).filter((i) => !i.startsWith('^'));
    const out = n.name;
    const unary = (op: string): void => emit(op, [inputs[0]!], [out]);
    const binary = (op: string): void => emit(op, [inputs[0]!, inputs[1]!], [out]);
    const reduce = (op: string): void => {
      const axes = constInts(raw[1]!);
      const keep = int('keepdims', flag(n, 'keep_dims') ? 1 : 0);
      // opset 13: ReduceSum takes axes as an input, the other reductions as an attribute.
      if (op === 'ReduceSum') emit(op, [inputs[0]!, int64Const(axes)], [out], [keep]);
      else emit(op, [inputs[0]!], [out], [ints('axes', axes), keep]);
    };
    switch (n.op) {
      case 'Const': {
        const w = graph.weights.get(n.name);
        if (!w) throw new Error(`no weights for constant ${n.name}`);
        if (w.dtype === 'float32') initializers.push(floatTensor(n.name, w.shape, w.data as Float32Array));
        else {
          consts.set(n.name, Array.from(w.data));
          initializers.push(int64Tensor(n.name, w.shape, Array.from(w.data)));
        }
        break;
      }
      case 'Placeholder':
        // The feed is int32 (what the tokenizer gives); the graph computes in int64.
        rename.set(n.name, `${n.name}/int64`);
        emit('Cast', [n.name], [`${n.name}/int64`], [int('to', DT.INT64)]);
        break;
      case 'StridedSlice': {
        if (num(n, 'ellipsis_mask') || num(n, 'new_axis_mask')) throw new Error(`${n.name}: ellipsis/new axis masks are not supported`);
        const [begin, end, strides] = [constInts(raw[1]!), constInts(raw[2]!), constInts(raw[3]!)];
        const beginMask = num(n, 'begin_mask');
        const endMask = num(n, 'end_mask');
        const shrinkMask = num(n, 'shrink_axis_mask');
        const starts: bigint[] = [];
        const ends: bigint[] = [];
        const steps: bigint[] = [];
        const squeeze: number[] = [];
        begin.forEach((b, i) => {
          const bit = 1 << i;
          const step = strides[i]!;
          if (shrinkMask & bit) {
            starts.push(BigInt(b));
            ends.push(b === -1 ? INT64_MAX : BigInt(b + 1));
            steps.push(1n);
            squeeze.push(i);
            return;
          }
          starts.push(beginMask & bit ? (step > 0 ? 0n : INT64_MAX) : BigInt(b));
          ends.push(endMask & bit ? (step > 0 ? INT64_MAX : INT64_MIN) : BigInt(end[i]!));
          steps.push(BigInt(step));
        });
        const axes = begin.map((_, i) => i);
        const sliced = squeeze.length > 0 ? `${out}/unsqueezed` : out;
        emit('Slice', [inputs[0]!, int64Const(starts), int64Const(ends), int64Const(axes), int64Const(steps)], [sliced]);
        if (squeeze.length > 0) emit('Squeeze', [sliced, int64Const(squeeze)], [out]);
        break;
      }
      case 'Slice': {
        const begin = constInts(raw[1]!);
        const size = constInts(raw[2]!);
        const ends = begin.map((b, i) => (size[i] === -1 ? INT64_MAX : BigInt(b + size[i]!)));
        emit('Slice', [inputs[0]!, int64Const(begin), int64Const(ends), int64Const(begin.map((_, i) => i))], [out]);
        break;
      }
      case 'Less':
        binary('Less');
        break;
      case 'Greater':
        binary('Greater');
        break;
      case 'Add':
      case 'BiasAdd':
        binary('Add');
        break;
      case 'Sub':
        binary('Sub');
        break;
      case 'Mul':
        binary('Mul');
        break;
      case 'RealDiv':
        binary('Div');
        break;
      case 'Maximum':
        binary('Max');
        break;
      case 'LogicalNot':
        unary('Not');
        break;
      case 'Sin':
        unary('Sin');
        break;
      case 'Cos':
        unary('Cos');
        break;
      case 'Relu':
        unary('Relu');
        break;
      case 'Tanh':
        unary('Tanh');
        break;
      case 'Shape':
        unary('Shape');
        break;
      case 'GatherNd':
        binary('GatherND');
        break;
      case 'Softmax':
        emit('Softmax', [inputs[0]!], [out], [int('axis', -1)]);
        break;
      case 'Square':
        emit('Mul', [inputs[0]!, inputs[0]!], [out]);
        break;
      case 'Rsqrt':
        emit('Sqrt', [inputs[0]!], [`${out}/sqrt`]);
        emit('Reciprocal', [`${out}/sqrt`], [out]);
        break;
      case 'Where':
        // TF gives [count, rank] coordinates, ONNX NonZero [rank, count].
        emit('NonZero', [inputs[0]!], [`${out}/nonzero`]);
        emit('Transpose', [`${out}/nonzero`], [out], [ints('perm', [1, 0])]);
        break;
      case 'Reshape':
        binary('Reshape');
        break;
      case 'GatherV2': {
        if (num(n, 'batch_dims')) throw new Error(`${n.name}: batch_dims is not supported`);
        emit('Gather', [inputs[0]!, inputs[1]!], [out], [int('axis', constInts(raw[2]!)[0]!)]);
        break;
      }
      case 'Max':
        reduce('ReduceMax');
        break;
      case 'Sum':
        reduce('ReduceSum');
        break;
      case 'Mean':
        reduce('ReduceMean');
        break;
      case 'Prod':
        reduce('ReduceProd');
        break;
      case 'SparseToDense':
        emit('Expand', [inputs[3]!, inputs[1]!], [`${out}/default`]);
        emit('ScatterND', [`${out}/default`, inputs[0]!, inputs[2]!], [out]);
        break;
      case 'ScatterNd': {
        if ((attr(n, 'T')?.type ?? TF_FLOAT) !== TF_FLOAT) throw new Error(`${n.name}: only float updates are supported`);
        const zero = floatTensor('', [1], new Float32Array(1));
        emit('ConstantOfShape', [inputs[2]!], [`${out}/zeros`], [onnx.AttributeProto.create({ name: 'value', type: AT.TENSOR, t: zero })]);
        emit('ScatterND', [`${out}/zeros`, inputs[0]!, inputs[1]!], [out]);
        break;
      }
      case 'Cast':
        emit('Cast', [inputs[0]!], [out], [int('to', onnxType(attr(n, 'DstT')!.type!))]);
        break;
      case 'ConcatV2': {
        const axis = constInts(raw[raw.length - 1]!)[0]!;
        emit('Concat', inputs.slice(0, -1), [out], [int('axis', axis)]);
        break;
      }
      case 'ExpandDims':
        emit('Unsqueeze', [inputs[0]!, int64Const(constInts(raw[1]!))], [out]);
        break;
      case 'Squeeze':
        emit('Squeeze', [inputs[0]!, int64Const((attr(n, 'squeeze_dims')?.list?.i ?? []).map(Number))], [out]);
        break;
      case 'Pack': {
        const axis = num(n, 'axis');
        const parts = inputs.map((input, i) => {
          emit('Unsqueeze', [input, int64Const([axis])], [`${out}/part${i}`]);
          return `${out}/part${i}`;
        });
        emit('Concat', parts, [out], [int('axis', axis)]);
        break;
      }
      case 'Transpose':
        emit('Transpose', [inputs[0]!], [out], [ints('perm', constInts(raw[1]!))]);
        break;
      case 'SplitV': {
        const sizes = constInts(raw[1]!);
        const axis = constInts(raw[2]!)[0]!;
        emit(
          'Split',
          [inputs[0]!, int64Const(sizes)],
          sizes.map((_, i) => (i === 0 ? out : `${out}:${i}`)),
          [int('axis', axis)],
        );
        break;
      }
      case 'Range':
        emit('Range', [inputs[0]!, inputs[1]!, inputs[2]!], [out]);
        break;
      case 'MatMul':
      case 'BatchMatMul':
      case 'BatchMatMulV2': {
        const [ta, tb] = n.op === 'MatMul' ? ['transpose_a', 'transpose_b'] : ['adj_x', 'adj_y'];
        const operand = (input: string, transpose: boolean, side: string): string => {
          if (!transpose) return input;
          // Swap the last two axes; USE Lite's batched products are rank 4 (batch, heads, tokens, depth).
          const rank = n.op === 'MatMul' ? 2 : 4;
          const perm = Array.from({ length: rank }, (_, i) => i);
          [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
          emit('Transpose', [input], [`${out}/${side}T`], [ints('perm', perm)]);
          return `${out}/${side}T`;
        };
        emit('MatMul', [operand(inputs[0]!, flag(n, ta), 'a'), operand(inputs[1]!, flag(n, tb), 'b')], [out]);
        break;
      }
      case 'Conv2D': {
        // A 1x1, stride-1 convolution over NHWC is a product with the [in, out] kernel on the last axis.
        const w = graph.weights.get(raw[1]!.split(':')[0]!);
        if (w?.shape[0] !== 1 || w.shape[1] !== 1) throw new Error(`${n.name}: only 1x1 convolutions with a constant kernel are supported`);
        const strides = (attr(n, 'strides')?.list?.i ?? []).map(Number);
        const dilations = (attr(n, 'dilations')?.list?.i ?? []).map(Number);
        if (strides.some((s) => s !== 1) || dilations.some((d) => d !== 1)) throw new Error(`${n.name}: strides and dilations must be 1`);
        const format = String.fromCharCode(...(attr(n, 'data_format')?.s ?? [78, 72, 87, 67]));
        if (format !== 'NHWC') throw new Error(`${n.name}: data format ${format} is not supported`);
        const kernel = `${raw[1]!}/matrix`;
        initializers.push(floatTensor(kernel, [w.shape[2]!, w.shape[3]!], w.data as Float32Array));
        emit('MatMul', [inputs[0]!, kernel], [out]);
        break;
      }
      default:
        throw new Error(`tfjs op ${n.op} (${n.name}) is not supported by the converter`);
    }
  }
  emit('Identity', [ref(outputNode)], [ONNX_OUTPUT]);
  return encodeOnnxModel(builder.nodes, initializers);
}
