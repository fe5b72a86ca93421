/**
 * `--asff FILE`: the failing principals as AWS Security Finding Format findings, ready for Security Hub's
 * BatchImportFindings (`aws securityhub batch-import-findings --findings file://FILE`, at most 100 a call). One
 * finding per failing principal, and one for the root user when it fails, each mapped to the AWS Foundational
 * Security Best Practices controls that apply (IAM.5, IAM.19 for users without MFA; IAM.4, IAM.6, IAM.9 for root),
 * with the witness in ProductFields. Ids are stable, so a later import updates the same findings. The shape is
 * checked against asff.schema.json (ASFF's required fields and limits) in the tests.
 */
import { AuditReport, PrincipalStatus, PrincipalVerdict } from "../report/reportModel";

export const ASFF_SCHEMA_VERSION = "2018-10-08";
const FSBP = "AWS Foundational Security Best Practices v1.0.0";

export interface AsffOptions {
    /** The Region the findings are imported in (the product ARN names it). */
    readonly region: string;
}

const FAILING: readonly PrincipalStatus[] = ["escapes", "unenforced", "locked-out", "unverifiable"];
const SEVERITY: Record<string, "CRITICAL" | "HIGH" | "MEDIUM" | "LOW"> = { escapes: "HIGH", unenforced: "MEDIUM", "locked-out": "MEDIUM", unverifiable: "MEDIUM" };
const RESOURCE_TYPE = { user: "AwsIamUser", group: "AwsIamGroup", role: "AwsIamRole" } as const;
const TITLE: Record<string, (what: string) => string> = {
    escapes: (what) => `${what} can act without MFA`,
    unenforced: (what) => `${what} is not subject to the MFA deny`,
    "locked-out": (what) => `${what} cannot enroll an MFA device without MFA`,
    unverifiable: (what) => `MFA enforcement of ${what} could not be verified`,
};

function clip(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The FSBP controls a user's failure is also a failure of: no MFA device at all (IAM.19), and with a password (IAM.5). */
function userControls(p: PrincipalVerdict): string[] {
    if (p.type !== "user" || p.credentials?.mfaActive !== false) {
        return [];
    }
    return [`${FSBP}/IAM.19`, ...(p.credentials.passwordEnabled ? [`${FSBP}/IAM.5`] : [])];
}

function productFields(p: PrincipalVerdict): Record<string, string> {
    const fields: Record<string, string> = { "force-mfa/status": p.status };
    const w = p.witness;
    if (w) {
        fields["force-mfa/witness/action"] = w.action;
        fields["force-mfa/witness/mfaContext"] = w.mfaContext;
        if (w.resource) fields["force-mfa/witness/resource"] = w.resource;
        if (w.principal) fields["force-mfa/witness/principal"] = w.principal;
        if (w.allowedBy) fields["force-mfa/witness/allowedBy"] = clip(w.allowedBy, 2048);
        if (w.boundaryAllowedBy) fields["force-mfa/witness/boundaryAllowedBy"] = clip(w.boundaryAllowedBy, 2048);
        fields["force-mfa/witness/path"] = clip(w.path.join(" + "), 2048);
    }
    if (p.roleKind) fields["force-mfa/roleKind"] = p.roleKind;
    if (p.credentials?.daysWithoutMfa !== undefined) fields["force-mfa/daysWithoutMfa"] = String(p.credentials.daysWithoutMfa);
    return fields;
}

export function asffFindings(report: AuditReport, options: AsffOptions): Record<string, unknown>[] {
    const account = report.account;
    if (!account) {
        throw new Error("ASFF findings need the account id, and the inputs name none (no principal, no credential report)");
    }
    const partition = report.principals.find((p) => p.arn)?.arn?.split(":")[1] ?? "aws";
    const common = {
        SchemaVersion: ASFF_SCHEMA_VERSION,
        ProductArn: `arn:${partition}:securityhub:${options.region}:${account}:product/${account}/default`,
        GeneratorId: "force-mfa-audit",
        AwsAccountId: account,
        Types: ["Software and Configuration Checks/AWS Security Best Practices"],
        CreatedAt: report.generatedAt,
        UpdatedAt: report.generatedAt,
        RecordState: "ACTIVE",
        ProductName: "force-mfa",
        CompanyName: "force-mfa",
    };
    const findings: Record<string, unknown>[] = [];
    for (const p of report.principals.filter((x) => FAILING.includes(x.status))) {
        const controls = userControls(p);
        findings.push({
            ...common,
            Id: clip(`force-mfa-audit/${account}/${p.type}/${p.name}`, 512),
            Severity: { Label: SEVERITY[p.status] },
            Title: clip(TITLE[p.status](`IAM ${p.type} ${p.name}`), 256),
            Description: clip(p.reason, 1024),
            ...(p.fix ? { Remediation: { Recommendation: { Text: clip(p.fix, 512) } } } : {}),
            ProductFields: productFields(p),
            Resources: [{ Type: RESOURCE_TYPE[p.type], Id: p.arn ?? `arn:${partition}:iam::${account}:${p.type}/${p.name}`, Partition: partition, Region: options.region }],
            Compliance: { Status: "FAILED", ...(controls.length > 0 ? { RelatedRequirements: controls } : {}) },
        });
    }
    const root = report.root;
    const rootControls = [
        ...(root.mfaActive === false && !root.credentialsRemoved ? [`${FSBP}/IAM.9`, `${FSBP}/IAM.6`] : []),
        ...(root.mfaActive === true && root.mfaType === "virtual-totp" ? [`${FSBP}/IAM.6`] : []),
        ...(root.accessKeysPresent ? [`${FSBP}/IAM.4`] : []),
    ];
    if (rootControls.length > 0) {
        findings.push({
            ...common,
            Id: `force-mfa-audit/${account}/root`,
            Severity: { Label: root.mfaActive === false || root.accessKeysPresent ? "CRITICAL" : "MEDIUM" },
            Title: root.mfaActive === false ? "The root user has no MFA" : root.accessKeysPresent ? "The root user has access keys" : "The root user's MFA is a virtual device",
            Description: clip(root.reason, 1024),
            ProductFields: { "force-mfa/root/mfaType": root.mfaType },
            Resources: [{ Type: "AwsAccount", Id: `AWS::::Account:${account}`, Partition: partition, Region: options.region }],
            Compliance: { Status: "FAILED", RelatedRequirements: rootControls },
        });
    }
    return findings;
}

/** The file: a JSON list of findings, as `--findings file://FILE` takes it. */
export function renderAsffFindings(report: AuditReport, options: AsffOptions): string {
    return `${JSON.stringify(asffFindings(report, options), null, 2)}\n`;
}
