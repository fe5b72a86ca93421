/**
 * Outputs a provider would compute, for a `--known` run (what `pulumi up` hands the analyzer). In a preview they are
 * unknown. Account and region are the mocks' own: ARNs only need to be realistic and consistent.
 */
import { createHash } from "crypto";
import { UNKNOWN } from "./capturedResource";
import { ResourceShape } from "./providerDeclarations";

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

/** `aws:iam/role:Role` → module `iam`, kind `role` (both undefined for a type of another package). */
function moduleAndKind(type: string): { module?: string; kind?: string; key: string } {
    const [, module, kind] = /^aws:([^/]+)\/([^:]+):/.exec(type) ?? [];
    return { module, kind, key: `${module}/${kind}` };
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

/**
 * An existing resource read by the program (`aws.iam.Role.get(name, id)`): nothing is looked up offline, so its state
 * is made up from its id as for a created one — the id as its name (an ARN as its arn) — whatever the mode, as reads
 * are answered in a preview too.
 */
export function readState(
    type: string,
    resourceName: string,
    id: string,
    inputs: Record<string, unknown>,
    region: string,
    shape: ResourceShape | undefined,
): { id: string; state: Record<string, unknown> } {
    const outputs = shape?.outputs ?? [];
    const isArn = id.startsWith("arn:");
    const nameKey = outputs.includes("bucket") ? "bucket" : outputs.includes("name") ? "name" : undefined;
    const named = !isArn && nameKey ? { [nameKey]: id } : {};
    const { state } = mockState(type, resourceName, { ...named, ...inputs }, "known", region, shape);
    return { id, state: isArn && outputs.includes("arn") ? { ...state, arn: id } : state };
}

/**
 * Outputs only the provider computes (declared as outputs, not inputs): unknown in a preview, as a provider's
 * planned state leaves them.
 */
export function computedOutputs(shape: ResourceShape | undefined): string[] {
    return shape ? shape.outputs.filter((key) => !shape.inputs.includes(key)) : [];
}

/**
 * State the mock provider returns: in a preview, the inputs (computed outputs are marked unknown as the engine
 * records them); with `--known`, also what the provider derives from the inputs, for every type whose declarations
 * have it — `arn`, the physical name (given or auto-named) and `tagsAll`; other computed outputs stay absent.
 */
export function mockState(
    type: string,
    resourceName: string,
    inputs: Record<string, unknown>,
    mode: "preview" | "known",
    region: string,
    shape: ResourceShape | undefined,
): { id: string | undefined; state: Record<string, unknown> } {
    if (mode === "preview") {
        return { id: undefined, state: { ...inputs } };
    }
    const outputs = new Set(shape?.outputs ?? []);
    const name = nameOf(inputs, resourceName);
    const state: Record<string, unknown> = {};
    if (outputs.has("arn")) {
        state.arn = synthesizedArn(type, resourceName, inputs, region);
    }
    for (const key of ["name", "bucket"]) {
        // The key a type names itself by: an S3 bucket's `bucket`, everyone else's `name`.
        if (outputs.has(key) && (key === "bucket" || !outputs.has("bucket"))) {
            state[key] = name;
        }
    }
    if (outputs.has("tagsAll")) {
        state.tagsAll = inputs.tags ?? {};
    }
    const namedById = (type.startsWith("aws:iam/") || type.startsWith("aws:s3/")) && ("name" in state || "bucket" in state);
    return { id: namedById ? name : `${resourceName}-id`, state: { ...state, ...inputs } };
}
