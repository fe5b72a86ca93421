/**
 * The Lambda code of the enrollment window: job/handler.ts and what it imports, bundled into one CommonJS file by
 * esbuild when the program runs (so `pulumi up` and the offline preview never meet a stale or a missing build). The AWS SDK v3 clients are left out: the Lambda Node.js runtime provides them. The account audit's
 * action catalog, compiled when the pack is built, is shipped beside the bundle, where the evaluator reads it.
 */
import { buildSync } from "esbuild";
import * as fs from "fs";
import * as path from "path";

export const JOB_RUNTIME = "nodejs22.x";
export const JOB_HANDLER = "index.handler";

const REPOSITORY = path.resolve(__dirname, "..", "..");
const ENTRY = path.join(__dirname, "job", "handler.ts");

/** The file name the pack's evaluator looks for next to its code (here: next to the bundle's index.js). */
export const JOB_CATALOG_FILE = "actionCatalog.json";

/** The resource types' ARN templates (a witness names a real resource), compiled beside the catalog and shipped with it. */
export const JOB_TEMPLATES_FILE = "resourceTemplates.json";

/** The action catalog the pack's build compiled (policy-pack/bin/iam/), shipped beside the bundle; or another file of it. */
export function jobCatalogPath(name = JOB_CATALOG_FILE): string {
    const file = path.join(REPOSITORY, "policy-pack", "bin", "iam", name);
    if (!fs.existsSync(file)) {
        throw new Error(`the pack's action catalog is not built (${file} is missing): run \`npm run build\` in policy-pack/`);
    }
    return file;
}

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
            external: ["@aws-sdk/*"],
            write: false,
            sourcemap: false,
            legalComments: "none",
            logLevel: "silent",
        });
        cached = result.outputFiles[0].text;
    }
    return cached;
}
