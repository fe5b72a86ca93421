/**
 * What Pulumi's mock monitor lacks, added as the engine behaves: resource method calls (`pulumi.runtime.call`, e.g.
 * `cluster.getKubeconfig()`, token `eks:index:Cluster/getKubeconfig` with the resource as `__self__`) are answered like
 * invokes; and a failed invoke or call carries its reason as the engine's error does (the SDK reads only the gRPC
 * error's `details`, so a mock's plain Error would reach the program with an empty message).
 */
import * as path from "path";
import { analyzerProperties } from "./analyzerProperties";

/** The resource a method was called on: its URN, as the SDK serializes `__self__` (a resource reference). */
export function selfOf(args: Record<string, unknown>): string | undefined {
    const self = args.__self__ as Record<string, unknown> | undefined;
    return typeof self?.urn === "string" ? self.urn : undefined;
}

/** The engine's wording for an invoke or call its provider refused. */
export function invokeFailure(token: string, err: unknown): { details: string; message: string } {
    const reason = err instanceof Error ? err.message : String(err);
    const details = `invocation of ${token} returned an error: ${reason}`;
    return { details, message: details };
}

export type CallAnswer = (token: string, inputs: Record<string, unknown>, self: string | undefined) => Record<string, unknown>;

export function answerCalls(monitor: any, sdkDir: string, answer: CallAnswer): void {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const rpc = require(path.join(sdkDir, "runtime", "rpc"));

    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req: any, callback: (err: unknown, res: unknown) => void) =>
        invoke(req, (err: unknown, res: unknown) => callback(err ? invokeFailure(req.getTok(), err) : null, res));

    // The SDK reads a call's response through these three methods; duck-typed, so no protobuf classes of a given
    // SDK copy are needed.
    monitor.call = async (req: any, callback: (err: unknown, res: unknown) => void) => {
        const token: string = req.getTok();
        try {
            const args = (req.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
            const self = selfOf(args);
            const { __self__: _self, ...rest } = args;
            const result = answer(token, analyzerProperties(rest) as Record<string, unknown>, self);
            const serialized = await rpc.serializeProperties(`call:${token}`, result);
            callback(null, {
                getFailuresList: () => [],
                getReturn: () => ({ toJavaScript: () => serialized }),
                getReturndependenciesMap: () => new Map(),
            });
        } catch (err) {
            callback(invokeFailure(token, err), undefined);
        }
    };
}
