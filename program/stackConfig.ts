/**
 * The stack config's root: one schema composed of each capability's part, validated before any resource is
 * registered. Every problem is one line that names the key and the rule; all of them are reported together so a bad
 * config is fixed in one round. A new capability adds its keys by one ConfigPart in its folder (configParts.ts holds
 * the building blocks) and one line in PARTS.
 */
import { z } from "zod";
import { configPart, mergeKeys, problemLines, tagMap } from "./configParts";
import { detectionConfig } from "./detection/detectionConfig";
import { enforcementConfig } from "./enforcement/enforcementConfig";
import { enrollmentWindowConfig } from "./enrollmentWindow/enrollmentWindowConfig";
import { organizationConfig } from "./organization/organizationConfig";
import { privilegedAccessConfig } from "./privilegedAccess/privilegedAccessConfig";
import { sensitiveActionsConfig } from "./sensitiveActions/sensitiveActionsConfig";
import { stateBackendConfig } from "./stateBackend/stateBackendConfig";
import { watchConfig } from "./watch/watchConfig";

export type { DeclaredUser, Exemption } from "./enforcement/enforcementConfig";

export const PROJECT = "force-mfa";

/** Keys every capability reads. */
const sharedConfig = configPart({
    /** Tags for every taggable resource. */
    tags: tagMap().default({}),
});

/** Every capability's part of the config, in the order its keys are listed. */
const PARTS = [enforcementConfig, stateBackendConfig, sharedConfig, detectionConfig, privilegedAccessConfig, sensitiveActionsConfig, organizationConfig, enrollmentWindowConfig, watchConfig] as const;

export const stackConfigSchema = z.strictObject(mergeKeys(PARTS));

export type ForceMfaConfig = z.output<typeof stackConfigSchema>;

export const CONFIG_KEYS = Object.keys(stackConfigSchema.shape);

/** The schema as JSON Schema (input side: what a stack file may hold, with its defaults). */
export const stackConfigJsonSchema = z.toJSONSchema(stackConfigSchema, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, { type?: string | string[] } & Record<string, unknown>>;
};

export class ConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(
            problems.length === 1
                ? `invalid stack config: ${problems[0]}`
                : `invalid stack config (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
        this.name = "ConfigError";
    }
}

type Kind = "string" | "number" | "boolean" | "structured";

/** How the CLI hands a key's value over: strings as they are, everything else as JSON text. */
function kindOf(key: string): Kind {
    const type = stackConfigJsonSchema.properties[key]?.type;
    return type === "string" ? "string" : type === "integer" || type === "number" ? "number" : type === "boolean" ? "boolean" : "structured";
}

/**
 * Decodes the CLI's config map (`project:key` → string; structured values arrive as JSON text) into this project's
 * keys. Keys of other namespaces (`aws:region`, ...) belong to providers and are left alone.
 */
export function decodeStackConfig(all: Readonly<Record<string, string>>, problems: string[]): Record<string, unknown> {
    const decoded: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(all)) {
        if (!fullKey.startsWith(`${PROJECT}:`)) {
            continue;
        }
        const key = fullKey.slice(PROJECT.length + 1);
        if (!CONFIG_KEYS.includes(key)) {
            problems.push(`${fullKey}: unknown key (known keys: ${CONFIG_KEYS.join(", ")})`);
            continue;
        }
        const kind = kindOf(key);
        if (kind === "string") {
            decoded[key] = text;
            continue;
        }
        try {
            decoded[key] = JSON.parse(text);
        } catch {
            problems.push(`${fullKey}: must be ${kind === "structured" ? "a structured (YAML/JSON) value" : `a ${kind}`}, got ${JSON.stringify(text)}`);
        }
    }
    return decoded;
}

/** Validates decoded config values against the schema and every rule across keys; never throws. */
export function checkStackConfig(raw: Record<string, unknown>): { config?: ForceMfaConfig; problems: string[] } {
    const parsed = stackConfigSchema.safeParse(raw);
    const inputProblems = PARTS.flatMap((part) => part.rules.flatMap((rule) => rule(raw)));
    const problems = problemLines(parsed.error?.issues ?? [], inputProblems);
    return problems.length === 0 && parsed.success ? { config: parsed.data, problems } : { problems };
}

/** Validates decoded config values; throws ConfigError listing every problem. */
export function parseForceMfaConfig(raw: Record<string, unknown>, earlierProblems: readonly string[] = []): ForceMfaConfig {
    const { config, problems } = checkStackConfig(raw);
    if (earlierProblems.length > 0 || config === undefined) {
        throw new ConfigError([...earlierProblems, ...problems]);
    }
    return config;
}

/** From the CLI's config map to a validated config: the one call the entry point makes. */
export function loadForceMfaConfig(all: Readonly<Record<string, string>>): ForceMfaConfig {
    const problems: string[] = [];
    const raw = decodeStackConfig(all, problems);
    return parseForceMfaConfig(raw, problems);
}
