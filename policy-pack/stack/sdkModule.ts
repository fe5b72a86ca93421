/**
 * A module of the Pulumi SDK as the analyzer server in this process loaded it (resolved from the pack, so the very
 * instance the server calls into), or undefined where the SDK is not installed (a bundle of the evaluator, such as
 * the compliance Lambda's). `nextTo`: resolved from that SDK module's folder instead — a dependency of the SDK (such
 * as google-protobuf) as the SDK itself loads it, wherever npm placed it.
 */
import * as path from "path";

export function sdkModule<T>(id: string, nextTo?: string): T | undefined {
    try {
        const from = nextTo ? path.dirname(require.resolve(nextTo, { paths: [__dirname] })) : __dirname;
        return require(require.resolve(id, { paths: [from] })) as T;
    } catch {
        return undefined;
    }
}
