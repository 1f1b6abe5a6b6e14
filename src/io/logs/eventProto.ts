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
  tensor_shape?: { dim?: { size: number }[] };
  tensor_content?: Uint8Array;
  half_val?: number[];
  float_val?: number[];
  double_val?: number[];
  int_val?: number[];
  int64_val?: number[];
}

export interface SummaryValue {
  tag?: string;
  metadata?: { plugin_data?: { plugin_name?: string }; data_class?: number };
  simple_value?: number;
  tensor?: TensorValue;
}

export interface DecodedEvent {
  wall_time?: number;
  step?: number;
  file_version?: string;
  summary?: { value?: SummaryValue[] };
}

export const dataClassScalar = 1;

const Event = protobuf.parse(eventProto, { keepCase: true }).root.lookupType('tensorboard.Event');

/** Decodes one record's bytes; int64 fields become numbers (steps stay exact below 2⁵³). Throws on malformed bytes. */
export function decodeEvent(bytes: Uint8Array): DecodedEvent {
  return Event.toObject(Event.decode(bytes), { longs: Number, enums: Number, oneofs: false }) as DecodedEvent;
}
