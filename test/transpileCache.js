/**
 * The test run's TypeScript transpile cache. Every process of `npm test` that compiles TypeScript with ts-node — mocha's
 * workers, each program capture, each `npm start` — would otherwise transpile the same files again: a capture of this
 * repository's program alone transpiles its whole source tree, and the suite captures it a dozen times. ts-node's
 * transpile-only output is a function of the compiler, its options, the file's name and its text, so it is kept under
 * a key made of those, in a directory of the run's own (removed when the run ends), and each service's compile reads
 * it before transpiling. Outputs carry their inline source maps, which stack traces (a program's failing line) are
 * mapped through, also for an output read from the cache. A type-checking service is never served from it.
 *
 * Loaded by .mocharc before ts-node, and by NODE_OPTIONS in every Node.js process the run starts. Plain JavaScript:
 * it runs before any compiler is registered.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { fileURLToPath } = require("url");

const ENV = "FORCE_MFA_TEST_TRANSPILE_CACHE";
const REGISTER_INSTANCE = Symbol.for("ts-node.register.instance");

/** The run's directory: made by its first process (which removes it on exit), handed on to the rest by environment. */
function cacheDir() {
    const given = process.env[ENV];
    if (given && fs.existsSync(given)) {
        return given;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-test-transpile-"));
    process.env[ENV] = dir;
    process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(__filename)}`].filter(Boolean).join(" ");
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
}

const dir = cacheDir();
/** Outputs served from the cache in this process, by file: what the source maps are read from. */
const served = new Map();

function normalized(file) {
    let name = file;
    if (name.startsWith("file://")) {
        try {
            name = fileURLToPath(name);
        } catch {
            return name;
        }
    }
    return name.replace(/\\/g, "/");
}

function cached(service) {
    if (!service || service.__transpileCached || !service.options || !service.options.transpileOnly) {
        return service;
    }
    const compile = service.compile.bind(service);
    const settings = JSON.stringify([service.ts.version, service.config.options, service.options.moduleTypes ?? null, service.options.compilerHost ?? null]);
    service.compile = (code, fileName, lineOffset = 0) => {
        const key = crypto.createHash("sha256").update(settings).update("\0").update(fileName).update("\0").update(String(lineOffset)).update("\0").update(code).digest("hex");
        const file = path.join(dir, `${key}.js`);
        let output;
        try {
            output = fs.readFileSync(file, "utf8");
        } catch {
            output = compile(code, fileName, lineOffset);
            const partial = `${file}.${process.pid}`;
            try {
                fs.writeFileSync(partial, output);
                fs.renameSync(partial, file);
            } catch {
                // the run's directory is gone (its first process ended): transpile as without a cache
            }
            return output;
        }
        served.set(normalized(fileName), output);
        return output;
    };
    service.__transpileCached = true;
    // ts-node maps stack traces through the outputs it compiled itself (it has installed source-map-support by now);
    // the ones read from the cache are found here.
    require("@cspotcode/source-map-support").install({ environment: "node", retrieveFile: (pathOrUrl) => served.get(normalized(pathOrUrl)) || null });
    return service;
}

let instance = process[REGISTER_INSTANCE];
Object.defineProperty(process, REGISTER_INSTANCE, {
    configurable: true,
    enumerable: false,
    get: () => instance,
    set: (service) => {
        instance = cached(service);
    },
});
cached(instance);
