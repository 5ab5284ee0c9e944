// An Invoke's result straight to protobuf bytes (google.protobuf.Struct inside pulumirpc.InvokeResponse), without
// building google-protobuf message objects first. Why by hand: for a listing of 1,000 tasks,
// `Struct.fromJavaScript(...)` + `serializeBinary()` allocates about ten message objects per field and takes
// ~140 ms of one core — 200 concurrent Invokes then keep the plugin's event loop (and the engine's calls to it,
// GetPluginInfo and Cancel included) waiting for seconds, mostly on garbage collection. Writing the bytes takes a
// few ms. The wire format is google/protobuf/struct.proto's, fixed since 2015; a property test holds these bytes
// equal, once decoded by google-protobuf itself, to what `Struct.fromJavaScript` makes of the same value.

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const tag = (field: number, wire: number): number => (field << 3) | wire;

// google.protobuf.Struct { map<string, Value> fields = 1; }  (a map entry: key = 1, value = 2)
// google.protobuf.Value  { null_value = 1; number_value = 2; string_value = 3; bool_value = 4; struct_value = 5; list_value = 6; }
// google.protobuf.ListValue { repeated Value values = 1; }
// pulumirpc.InvokeResponse { Struct return = 1; repeated CheckFailure failures = 2; }
const STRUCT_FIELDS = tag(1, WIRE_LEN);
const ENTRY_KEY = tag(1, WIRE_LEN);
const ENTRY_VALUE = tag(2, WIRE_LEN);
const VALUE_NULL = tag(1, WIRE_VARINT);
const VALUE_NUMBER = tag(2, WIRE_FIXED64);
const VALUE_STRING = tag(3, WIRE_LEN);
const VALUE_BOOL = tag(4, WIRE_VARINT);
const VALUE_STRUCT = tag(5, WIRE_LEN);
const VALUE_LIST = tag(6, WIRE_LEN);
const LIST_VALUES = tag(1, WIRE_LEN);
const INVOKE_RETURN = tag(1, WIRE_LEN);

function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

/** A growable buffer; a length-delimited field is written body first, then its length is inserted before it. */
class Writer {
  private buf = Buffer.allocUnsafe(64 * 1024);
  private pos = 0;

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  varint(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  double(x: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(x, this.pos);
    this.pos += 8;
  }

  string(s: string): void {
    const len = Buffer.byteLength(s, "utf8");
    this.varint(len);
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  /** Marks where a length-delimited body starts. */
  start(): number {
    return this.pos;
  }

  /** Inserts the body's length (a varint) before the body that began at `from`. */
  finish(from: number): void {
    const len = this.pos - from;
    const lenBytes = varintLength(len);
    this.ensure(lenBytes);
    this.buf.copyWithin(from + lenBytes, from, this.pos);
    let n = len;
    let at = from;
    while (n >= 0x80) {
      this.buf[at++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[at] = n;
    this.pos += lenBytes;
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The fields of a Struct. Keys whose value is undefined are left out ("not set"), as `toStruct` does. */
function writeStructBody(w: Writer, obj: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    w.byte(STRUCT_FIELDS);
    const entry = w.start();
    w.byte(ENTRY_KEY);
    w.string(key);
    w.byte(ENTRY_VALUE);
    const value = w.start();
    writeValueBody(w, v);
    w.finish(value);
    w.finish(entry);
  }
}

/** One Value; undefined inside a list becomes null, as `toStruct` does. */
function writeValueBody(w: Writer, v: unknown): void {
  if (v === null || v === undefined) {
    w.byte(VALUE_NULL);
    w.byte(0);
  } else if (typeof v === "string") {
    w.byte(VALUE_STRING);
    w.string(v);
  } else if (typeof v === "number") {
    w.byte(VALUE_NUMBER);
    w.double(v);
  } else if (typeof v === "boolean") {
    w.byte(VALUE_BOOL);
    w.byte(v ? 1 : 0);
  } else if (Array.isArray(v)) {
    w.byte(VALUE_LIST);
    const list = w.start();
    for (const item of v) {
      w.byte(LIST_VALUES);
      const value = w.start();
      writeValueBody(w, item);
      w.finish(value);
    }
    w.finish(list);
  } else if (isPlainObject(v)) {
    w.byte(VALUE_STRUCT);
    const struct = w.start();
    writeStructBody(w, v);
    w.finish(struct);
  } else {
    throw new TypeError(`A ${typeof v} cannot be sent in a google.protobuf.Struct.`);
  }
}

/** google.protobuf.Struct bytes of a plain JSON-like object. */
export function encodeStruct(obj: Readonly<Record<string, unknown>>): Buffer {
  const w = new Writer();
  writeStructBody(w, obj);
  return w.bytes();
}

/** pulumirpc.InvokeResponse bytes with `return` set to this object and no failures. */
export function encodeInvokeReturn(obj: Readonly<Record<string, unknown>>): Buffer {
  const w = new Writer();
  w.byte(INVOKE_RETURN);
  const body = w.start();
  writeStructBody(w, obj);
  w.finish(body);
  return w.bytes();
}
