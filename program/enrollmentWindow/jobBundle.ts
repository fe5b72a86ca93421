/**
 * The Lambda code of the enrollment window: job/handler.ts and what it imports, bundled by the program's shared
 * Lambda bundler (program/aws/lambdaBundle.ts) with the pack's action catalog beside it.
 */
import * as path from "path";
import { bundleLambda, CATALOG_FILE, catalogPath, LAMBDA_HANDLER, LAMBDA_RUNTIME, TEMPLATES_FILE } from "../aws/lambdaBundle";

export const JOB_RUNTIME = LAMBDA_RUNTIME;
export const JOB_HANDLER = LAMBDA_HANDLER;
export const JOB_CATALOG_FILE = CATALOG_FILE;
export const JOB_TEMPLATES_FILE = TEMPLATES_FILE;
export const jobCatalogPath = catalogPath;

const ENTRY = path.join(__dirname, "job", "handler.ts");

/** The bundle's text. */
export function buildJobBundle(): string {
    return bundleLambda(ENTRY);
}
