import fc from 'fast-check';

/** JSON of any shape, with the field names an endpoint reads sprinkled in, so wrong types reach its code. */
export const jsonWithFields = (fieldNames: string[]) =>
  fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
    object: fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 5 }),
  })).value;

/** Bodies that are not JSON at all: bytes that are not UTF-8, cut-off JSON, nothing. */
export const notJson = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Uint8Array.from([0xff, 0xfe, ...b])),
  fc.string({ maxLength: 100 }).map((s) => new TextEncoder().encode(`{"text": "${s}`)),
  fc.constant(new Uint8Array()),
);

/** Either of the above, as the bytes of a request body. */
export const anyBodyWithFields = (fieldNames: string[]) =>
  fc.oneof(
    jsonWithFields(fieldNames).map((v) => new TextEncoder().encode(JSON.stringify(v))),
    notJson,
  );
