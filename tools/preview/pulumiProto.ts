/**
 * The analyzer protocol's stubs, messages and gRPC runtime: the very modules @pulumi/pulumi resolves, or instanceof
 * checks fail.
 */
import * as path from "path";

export const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));
export const grpc = fromPulumi("@grpc/grpc-js");
export const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");
export const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb");
export const analyzerService = require(path.join(pulumiDir, "proto/analyzer_grpc_pb"));
export const analyzerMessages = require(path.join(pulumiDir, "proto/analyzer_pb"));
