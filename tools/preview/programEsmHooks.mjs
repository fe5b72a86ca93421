// Loaded by Node.js's module.register for an ES module program: ts-node's ESM hooks with the options the preview
// computed (programCompiler.ts), as the Pulumi CLI's own hooks do (sdk/nodejs/cmd/run/hooks.ts).
import { createRequire } from "module";

const require = createRequire(import.meta.url);
let hooks;

export async function initialize(options) {
    const tsNode = require("ts-node");
    hooks = tsNode.createEsmHooks(tsNode.register(options));
}

export const resolve = (specifier, context, next) => hooks.resolve(specifier, context, next);
export const load = (url, context, next) => hooks.load(url, context, next);
