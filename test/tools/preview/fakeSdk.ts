/**
 * A stand-in for the @pulumi/pulumi directory the program loads (its log, runtime, invoke, config and rpc modules):
 * the preview's hooks patch the modules of the SDK they are given, so tests hand them this one, never the real SDK
 * other tests in the process use.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export function fakeSdk(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-fake-sdk-"));
    const files: Record<string, string> = {
        "log.js": "exports.debug = () => 'sdk'; exports.info = () => 'sdk'; exports.warn = () => 'sdk'; exports.error = () => 'sdk';",
        "runtime/invoke.js": "exports.invoke = (token, args) => ({ token, args }); exports.invokeOutput = (token) => ({ token });",
        "runtime/index.js": "const invoke = require('./invoke'); exports.invoke = invoke.invoke; exports.call = (token) => ({ token });",
        "runtime/config.js": "const set = { 'team:set': 'yes' }; exports.getConfig = (key) => set[key];",
        "runtime/rpc.js": "exports.serializeProperties = async (label, props) => ({ serializedBy: label, ...props });",
    };
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}
