/**
 * The offline preview as SARIF 2.1.0 (`--sarif FILE`), for GitHub code scanning: one run, the pack as the tool with
 * one rule per policy, one result per violation with its level, message, the resource as a logical location (URN)
 * and, as a physical location, where the program declared the resource (else the program's entry file).
 */
import { createHash } from "crypto";
import * as path from "path";
import { CapturedResource } from "./capturedResource";
import { OfflinePreviewResult } from "./offlinePreview";
import { EnforcementLevel, reportedText } from "./policyPackClient";
import { declaredAt } from "./reportCommon";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

function sarifLevel(level: EnforcementLevel): "error" | "warning" | "note" | "none" {
    switch (level) {
        case "mandatory":
        case "remediate":
            return "error";
        case "advisory":
            return "warning";
        default:
            return "none";
    }
}

export interface SarifOptions {
    /** Where URIs are relative to: the repository root in CI (the directory the tool was run from). */
    base: string;
    /** The program's entry file, for results on resources without a known declaration. */
    entryFile: string;
}

function physicalLocation(resource: CapturedResource | undefined, options: SarifOptions) {
    const at = resource ? declaredAt(resource, options.base) : undefined;
    const fallback = path.relative(options.base, options.entryFile).split(path.sep).join("/") || path.basename(options.entryFile);
    return {
        artifactLocation: { uri: at?.file ?? fallback },
        region: at ? { startLine: Math.max(1, at.line), startColumn: Math.max(1, at.column) } : { startLine: 1 },
    };
}

export function sarifReport(result: OfflinePreviewResult, options: SarifOptions): Record<string, unknown> {
    const policies = result.policyPack.policies;
    const ruleIndex = new Map(policies.map((p, i) => [p.name, i]));
    const byUrn = new Map(result.resources.map((r) => [r.urn, r]));
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: result.policyPack.name,
                        version: result.policyPack.version,
                        informationUri: "https://www.pulumi.com/docs/iac/crossguard/",
                        rules: policies.map((p) => ({
                            id: p.name,
                            name: p.name,
                            shortDescription: { text: p.description || p.name },
                            fullDescription: { text: p.description || p.name },
                            defaultConfiguration: { level: sarifLevel(p.enforcementLevel) },
                            properties: { enforcementLevel: p.enforcementLevel, severity: p.severity },
                        })),
                    },
                },
                results: result.diagnostics.map((d) => {
                    const resource = byUrn.get(d.urn);
                    return {
                        ruleId: d.policyName,
                        ...(ruleIndex.has(d.policyName) ? { ruleIndex: ruleIndex.get(d.policyName) } : {}),
                        level: sarifLevel(d.enforcementLevel),
                        message: { text: reportedText(d) },
                        locations: [
                            {
                                physicalLocation: physicalLocation(resource, options),
                                logicalLocations: [
                                    d.urn
                                        ? { fullyQualifiedName: d.urn, name: resource?.name ?? d.urn.split("::").pop(), kind: "resource" }
                                        : { fullyQualifiedName: `${result.project}/${result.stack}`, name: result.stack, kind: "module" },
                                ],
                            },
                        ],
                        partialFingerprints: {
                            "forceMfaPreview/v1": createHash("sha256").update(`${d.policyName}\n${d.urn}\n${reportedText(d)}`).digest("hex"),
                        },
                        properties: { enforcementLevel: d.enforcementLevel, severity: d.severity },
                    };
                }),
            },
        ],
    };
}
