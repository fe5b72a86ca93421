/** The ready-to-paste Terraform `backend "s3"` block for the state backend this program provisions. */

export type LockMode = "dynamodb" | "s3";

export interface TerraformBackendOptions {
    readonly bucket: string;
    readonly key: string;
    readonly region: string;
    readonly lockMode: LockMode;
    /** Required with lockMode "dynamodb". */
    readonly lockTableName?: string;
    /** When the bucket uses SSE-KMS, Terraform must send the same key (the bucket policy rejects others). */
    readonly kmsKeyArn?: string;
}

/** A quoted HCL string: JSON escapes, and `${` / `%{` doubled so Terraform reads them literally, not as templates. */
function hclString(value: string): string {
    return JSON.stringify(value).replace(/([$%])\{/g, "$1$1{");
}

export function terraformBackendBlock(options: TerraformBackendOptions): string {
    const settings: [string, string][] = [
        ["bucket", hclString(options.bucket)],
        ["key", hclString(options.key)],
        ["region", hclString(options.region)],
        ["encrypt", "true"],
    ];
    if (options.kmsKeyArn) {
        settings.push(["kms_key_id", hclString(options.kmsKeyArn)]);
    }
    if (options.lockMode === "s3") {
        settings.push(["use_lockfile", "true"]); // Terraform >= 1.10 locks state in S3 itself
    } else {
        if (!options.lockTableName) {
            throw new Error('lockMode "dynamodb" needs a lock table name');
        }
        settings.push(["dynamodb_table", hclString(options.lockTableName)]);
    }
    const width = Math.max(...settings.map(([k]) => k.length));
    const body = settings.map(([k, v]) => `    ${k.padEnd(width)} = ${v}`).join("\n");
    return `terraform {\n  backend "s3" {\n${body}\n  }\n}\n`;
}
