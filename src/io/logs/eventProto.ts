/**
 * The part of TensorBoard's `Event` protocol buffer that scalars need, decoded with protobufjs.
 *
 * The message definitions below are cut down from TensorBoard's own files
 * tensorboard/compat/proto/{event,summary,tensor,tensor_shape,types}.proto (github.com/tensorflow/
 * tensorboard, copies of TensorFlow's core/framework and core/util protos), Copyright The TensorFlow
 * Authors, licensed under the Apache License 2.0. Field names and numbers are unchanged; messages and
 * fields that scalars never use are left out (protobuf skips unknown fields when decoding).
 */
import protobuf from 'protobufjs';

const eventProto = `
syntax = "proto3";
package tensorboard;

message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what {
    string file_version = 3;
    Summary summary = 5;
  }
}

message SummaryMetadata {
  message PluginData {
    string plugin_name = 1;
    bytes content = 2;
  }
  PluginData plugin_data = 1;
  string display_name = 2;
  string summary_description = 3;
  DataClass data_class = 4;
}

enum DataClass {
  DATA_CLASS_UNKNOWN = 0;
  DATA_CLASS_SCALAR = 1;
  DATA_CLASS_TENSOR = 2;
  DATA_CLASS_BLOB_SEQUENCE = 3;
}

message Summary {
  message Value {
    string node_name = 7;
    string tag = 1;
    SummaryMetadata metadata = 9;
    oneof value {
      float simple_value = 2;
      TensorProto tensor = 8;
    }
  }
  repeated Value value = 1;
}

message TensorProto {
  DataType dtype = 1;
  TensorShapeProto tensor_shape = 2;
  int32 version_number = 3;
  bytes tensor_content = 4;
  repeated int32 half_val = 13 [packed = true];
  repeated float float_val = 5 [packed = true];
  repeated double double_val = 6 [packed = true];
  repeated int32 int_val = 7 [packed = true];
  repeated int64 int64_val = 10 [packed = true];
}

message TensorShapeProto {
  message Dim {
    int64 size = 1;
    string name = 2;
  }
  repeated Dim dim = 2;
  bool unknown_rank = 3;
}

enum DataType {
  DT_INVALID = 0;
  DT_FLOAT = 1;
  DT_DOUBLE = 2;
  DT_INT32 = 3;
  DT_INT64 = 9;
  DT_BFLOAT16 = 14;
  DT_HALF = 19;
}
`;

export interface TensorValue {
  dtype: number;
  tensor_shape: { dim: { size: number }[] } | null;
  tensor_content: Uint8Array;
  half_val: number[];
  float_val: number[];
  double_val: number[];
  int_val: number[];
  int64_val: number[];
}

export interface SummaryValue {
  tag: string;
  metadata: { plugin_data: { plugin_name: string } | null; data_class: number } | null;
  /** Set when the value is the old `simple_value` form. */
  simple_value?: number;
  /** Set when the value is a tensor. */
  tensor?: TensorValue;
}

export interface DecodedEvent {
  step: number;
  /** The summary's values; none for events of other kinds (file version, graphs, session logs…). */
  values: SummaryValue[];
}

export const dataClassScalar = 1;

const Event = protobuf.parse(eventProto, { keepCase: true }).root.lookupType('tensorboard.Event');

type Int64 = number | { toNumber(): number };
/** The decoded messages' shapes, as the schema above defines them (int64 fields may arrive as Long). */
interface RawTensor extends Omit<TensorValue, 'tensor_shape' | 'int64_val'> {
  tensor_shape: { dim: { size: Int64 }[] } | null;
  int64_val: Int64[];
}
interface RawValue extends Omit<SummaryValue, 'simple_value' | 'tensor'> {
  /** The oneof's name: which of its fields is set. */
  value?: 'simple_value' | 'tensor';
  simple_value: number;
  tensor: RawTensor | null;
}
interface RawEvent {
  step: Int64;
  what?: 'file_version' | 'summary';
  summary: { value: RawValue[] } | null;
}

function toNumber(value: Int64): number {
  return typeof value === 'number' ? value : value.toNumber();
}

/**
 * Decodes one record's bytes (throws on malformed ones). The messages are read as decoded, without
 * protobufjs's toObject copy: a long log has millions of them. Steps stay exact below 2⁵³.
 */
export function decodeEvent(bytes: Uint8Array): DecodedEvent {
  const event = Event.decode(bytes) as unknown as RawEvent;
  const values = event.what === 'summary' && event.summary ? event.summary.value.map(summaryValue) : [];
  return { step: toNumber(event.step), values };
}

function summaryValue(raw: RawValue): SummaryValue {
  const value: SummaryValue = { tag: raw.tag, metadata: raw.metadata };
  if (raw.value === 'simple_value') value.simple_value = raw.simple_value;
  if (raw.value === 'tensor' && raw.tensor) {
    const { tensor_shape: shape, int64_val: int64, ...rest } = raw.tensor;
    value.tensor = { ...rest, tensor_shape: shape && { dim: shape.dim.map((d) => ({ size: toNumber(d.size) })) }, int64_val: int64.map(toNumber) };
  }
  return value;
}
