/**
 * Outputs a provider would compute, for a `--known` run (what `pulumi up` hands the analyzer). In a preview they are
 * unknown. Account and region are the mocks' own: ARNs only need to be realistic and consistent.
 */
import { createHash } from "crypto";
import { UNKNOWN } from "./capturedResource";

export const MOCK_ACCOUNT = "123456789012";

function iamPath(inputs: Record<string, unknown>): string {
    const path = inputs.path;
    return typeof path === "string" && path.startsWith("/") && path.endsWith("/") ? path : "/";
}

/**
 * The physical name: the one given, or Pulumi's auto-name — the logical name and 7 random hex characters (here
 * derived from the logical name, so runs repeat). Never the bare logical name, which AWS would not use.
 */
function nameOf(inputs: Record<string, unknown>, resourceName: string): string {
    for (const key of ["name", "bucket"]) {
        if (typeof inputs[key] === "string" && inputs[key] !== UNKNOWN) {
            return inputs[key] as string;
        }
    }
    const prefix = typeof inputs.namePrefix === "string" && inputs.namePrefix !== UNKNOWN ? inputs.namePrefix : `${resourceName}-`;
    return `${prefix}${createHash("sha256").update(resourceName).digest("hex").slice(0, 7)}`;
}

/** Kinds without a name of their own (a KMS key has an id and aliases). */
const UNNAMED_KINDS = new Set(["kms/key"]);

/** Resource kinds whose `arn` output the pack or a program may read; others get only an id. */
const ARN_KINDS = new Set(["iam/policy", "iam/user", "iam/group", "iam/role", "iam/openIdConnectProvider", "iam/samlProvider", "s3/bucket", "s3/bucketV2", "dynamodb/table", "sns/topic", "kms/key", "cloudwatch/logGroup"]);

/** `aws:iam/role:Role` → module `iam`, kind `role` (both undefined for a type of another package). */
function moduleAndKind(type: string): { module?: string; kind?: string; key: string } {
    const [, module, kind] = /^aws:([^/]+)\/([^:]+):/.exec(type) ?? [];
    return { module, kind, key: `${module}/${kind}` };
}

export function hasArnOutput(type: string): boolean {
    return ARN_KINDS.has(moduleAndKind(type).key);
}

export function synthesizedArn(type: string, resourceName: string, inputs: Record<string, unknown>, region: string): string {
    const name = nameOf(inputs, resourceName);
    const { module, kind, key } = moduleAndKind(type);
    switch (key) {
        case "iam/policy":
            return `arn:aws:iam::${MOCK_ACCOUNT}:policy${iamPath(inputs)}${name}`;
        case "iam/user":
            return `arn:aws:iam::${MOCK_ACCOUNT}:user${iamPath(inputs)}${name}`;
        case "iam/group":
            return `arn:aws:iam::${MOCK_ACCOUNT}:group${iamPath(inputs)}${name}`;
        case "iam/role":
            return `arn:aws:iam::${MOCK_ACCOUNT}:role${iamPath(inputs)}${name}`;
        case "iam/openIdConnectProvider":
            // Named by the issuer's host and path: what a trust's Federated principal names.
            return `arn:aws:iam::${MOCK_ACCOUNT}:oidc-provider/${String(inputs.url ?? name).replace(/^https:\/\//, "")}`;
        case "iam/samlProvider":
            return `arn:aws:iam::${MOCK_ACCOUNT}:saml-provider/${name}`;
        case "s3/bucket":
        case "s3/bucketV2":
            return `arn:aws:s3:::${name}`;
        case "dynamodb/table":
            return `arn:aws:dynamodb:${region}:${MOCK_ACCOUNT}:table/${name}`;
        case "sns/topic":
            return `arn:aws:sns:${region}:${MOCK_ACCOUNT}:${name}`;
        case "kms/key":
            return `arn:aws:kms:${region}:${MOCK_ACCOUNT}:key/${resourceName}`;
        case "cloudwatch/logGroup":
            return `arn:aws:logs:${region}:${MOCK_ACCOUNT}:log-group:${name}`;
        default:
            return `arn:aws:${module ?? "mock"}:${region}:${MOCK_ACCOUNT}:${kind ?? "resource"}/${name}`;
    }
}

/** State the mock provider returns: inputs, plus `id` and `arn` when known. */
export function mockState(
    type: string,
    resourceName: string,
    inputs: Record<string, unknown>,
    mode: "preview" | "known",
    region: string,
): { id: string | undefined; state: Record<string, unknown> } {
    if (mode === "preview" || !hasArnOutput(type)) {
        return { id: mode === "preview" ? undefined : `${resourceName}-id`, state: { ...inputs } };
    }
    const name = nameOf(inputs, resourceName);
    const named = !UNNAMED_KINDS.has(moduleAndKind(type).key);
    return {
        id: type.startsWith("aws:iam/") || type.startsWith("aws:s3/") ? name : `${resourceName}-id`,
        state: { arn: synthesizedArn(type, resourceName, inputs, region), ...(named ? (type.startsWith("aws:s3/") ? { bucket: name } : { name }) : {}), ...inputs },
    };
}
