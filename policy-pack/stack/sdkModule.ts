/**
 * A module of the Pulumi SDK as the analyzer server in this process loaded it (resolved from the pack, so the very
 * instance the server calls into), or undefined where the SDK is not installed (a bundle of the evaluator, such as
 * the compliance Lambda's).
 */
export function sdkModule<T>(id: string): T | undefined {
    try {
        return require(require.resolve(id, { paths: [__dirname] })) as T;
    } catch {
        return undefined;
    }
}
