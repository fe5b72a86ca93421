/** What an analyzer answers: diagnostics with their level and severity, and the remediations of a Remediate call. */
export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
/** A policy's severity as the protocol carries it (`unspecified` when the policy names none). */
export type PolicySeverity = "unspecified" | "low" | "medium" | "high" | "critical";

export const LEVEL_NAMES: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
export const LEVEL_NUMBERS: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
export const SEVERITY_NAMES: Record<number, PolicySeverity> = { 0: "unspecified", 1: "low", 2: "medium", 3: "high", 4: "critical" };

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    /** As @pulumi/policy sends it: the policy's description, a newline, then what the policy reported. */
    message: string;
    urn: string;
    enforcementLevel: EnforcementLevel;
    severity: PolicySeverity;
    description: string;
}

/** What the policy itself reported, without the description @pulumi/policy puts first. */
export function reportedText(diagnostic: Diagnostic): string {
    const prefix = `${diagnostic.description}\n`;
    return diagnostic.description && diagnostic.message.startsWith(prefix) ? diagnostic.message.slice(prefix.length) : diagnostic.message;
}

export function diagnosticsOf(response: any): Diagnostic[] {
    return response.getDiagnosticsList().map((d: any) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        message: d.getMessage(),
        urn: d.getUrn(),
        enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()] ?? "advisory",
        severity: SEVERITY_NAMES[d.getSeverity?.() ?? 0] ?? "unspecified",
        description: d.getDescription(),
    }));
}

/** What a Remediate answer holds for one policy: the inputs it rewrote, or why it could not run. */
export interface Remediation {
    policyName: string;
    policyPackName: string;
    description: string;
    /** The resource Remediate was sent for. */
    urn: string;
    /** The inputs as the policy rewrote them: a preview or an update goes on with these. */
    properties?: Record<string, unknown>;
    /** A remediation that could not run (say, on a value unknown during preview). */
    diagnostic?: string;
}

export function remediationsOf(response: any, urn: string): Remediation[] {
    return response.getRemediationsList().map((r: any): Remediation => {
        const properties = r.getProperties()?.toJavaScript();
        const diagnostic: string = r.getDiagnostic();
        return {
            policyName: r.getPolicyname(),
            policyPackName: r.getPolicypackname(),
            description: r.getDescription(),
            urn,
            ...(properties ? { properties } : {}),
            ...(diagnostic ? { diagnostic } : {}),
        };
    });
}

/**
 * Remediate's answers as the engine shows them: a remediation's diagnostic is an advisory violation of the resource
 * (in step_generator.go and analyze_snapshot.go alike); a rewrite is no violation, shown at level `remediate` with the
 * inputs it changed.
 */
export function remediationDiagnostics(remediations: readonly Remediation[], inputs: Record<string, unknown>): Diagnostic[] {
    return remediations.map((r) => ({
        policyName: r.policyName,
        policyPackName: r.policyPackName,
        message: r.diagnostic ?? `${r.description}\nremediated: ${changedKeys(inputs, r.properties ?? {}).join(", ") || "no input changed"}`,
        urn: r.urn,
        enforcementLevel: r.diagnostic !== undefined ? "advisory" : "remediate",
        severity: "unspecified",
        description: r.description,
    }));
}

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}
