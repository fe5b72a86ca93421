/**
 * The program's Lambda code: a handler source and what it imports, bundled into one CommonJS file by esbuild when the
 * program runs (so `pulumi up` and the offline preview never meet a stale or a missing build), and the function's
 * archive. The AWS SDK v3 clients are left out: the Lambda Node.js runtime provides them. The pack's action catalog,
 * compiled when the pack is built, is shipped beside the bundle, where the evaluator reads it.
 */
import * as pulumi from "@pulumi/pulumi";
import { buildSync } from "esbuild";
import * as fs from "fs";
import * as path from "path";

export const LAMBDA_RUNTIME = "nodejs22.x";
export const LAMBDA_HANDLER = "index.handler";

const REPOSITORY = path.resolve(__dirname, "..", "..");

/** The file name the pack's evaluator looks for next to its code (here: next to the bundle's index.js). */
export const CATALOG_FILE = "actionCatalog.json";

/** The resource types' ARN templates (an audit witness names a real resource), compiled beside the catalog. */
export const TEMPLATES_FILE = "resourceTemplates.json";

/** The action catalog the pack's build compiled (policy-pack/bin/iam/), shipped beside the bundle; or another file of it. */
export function catalogPath(name = CATALOG_FILE): string {
    const file = path.join(REPOSITORY, "policy-pack", "bin", "iam", name);
    if (!fs.existsSync(file)) {
        throw new Error(`the pack's action catalog is not built (${file} is missing): run \`npm run build\` in policy-pack/`);
    }
    return file;
}

const cache = new Map<string, string>();

/**
 * The bundle of the handler at `entry` (an absolute path). The same sources give the same bytes (paths are relative
 * to the repository), so no spurious update; each entry is built once per process.
 */
export function bundleLambda(entry: string): string {
    let code = cache.get(entry);
    if (code === undefined) {
        const result = buildSync({
            entryPoints: [entry],
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
        code = result.outputFiles[0].text;
        cache.set(entry, code);
    }
    return code;
}

/** The function's archive: the bundle as index.js, the evaluator's action catalog and resource templates beside it. */
export function lambdaArchive(code: string): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset(code),
        [CATALOG_FILE]: new pulumi.asset.FileAsset(catalogPath()),
        [TEMPLATES_FILE]: new pulumi.asset.FileAsset(catalogPath(TEMPLATES_FILE)),
    });
}
