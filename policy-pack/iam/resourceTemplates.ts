/**
 * The ARN templates of the resource types each catalog action takes (compiled by scripts/compileResourceTemplates.js
 * beside the catalog): what a concrete request for an action names as its resource, e.g. `iam:PutUserPolicy` on
 * `arn:aws:iam::<account>:user/<name>`, and `*` for actions that take no resource. Read once per process, on first use.
 */
import * as fs from "fs";
import * as path from "path";
import { asciiLowerCase } from "./wildcard";

interface CompiledTemplates {
    readonly version: string;
    readonly services: readonly (readonly [string, readonly string[], string])[];
}

export const TEMPLATES_FILE = "resourceTemplates.json";

/** The values a template's placeholders take for one request: the principal's partition and account. */
export interface ArnPlaceholders {
    readonly partition: string;
    readonly account: string;
    readonly region?: string;
    /** A user name placeholder (`${UserName}`, `${UserNameWithPath}`): this name; every other one gets a plain word. */
    readonly name?: string;
}

export class ResourceTemplates {
    private readonly byAction = new Map<string, readonly string[]>();
    private readonly matchers = new Map<string, RegExp>();

    constructor(compiled: CompiledTemplates) {
        for (const [service, templates, perAction] of compiled.services) {
            // Actions in the catalog's order for this service; the names come from the catalog itself.
            this.pending.set(service, { templates, perAction: perAction.split(";") });
        }
        this.version = compiled.version;
    }

    readonly version: string;
    private readonly pending = new Map<string, { templates: readonly string[]; perAction: readonly string[] }>();

    /** Binds the templates to the catalog's action names (`service:Action`, catalog order). */
    bind(actions: readonly string[]): this {
        const position = new Map<string, number>();
        for (const action of actions) {
            const service = action.slice(0, action.indexOf(":"));
            const index = position.get(service) ?? 0;
            position.set(service, index + 1);
            const compiled = this.pending.get(service);
            const indices = compiled?.perAction[index];
            if (compiled && indices) {
                this.byAction.set(asciiLowerCase(action), indices.split(",").map((i) => compiled.templates[Number(i)]));
            }
        }
        this.pending.clear();
        return this;
    }

    /** The templates of the action's resource types, required types first; [] when it takes only `*`. */
    templatesOf(action: string): readonly string[] {
        return this.byAction.get(asciiLowerCase(action)) ?? [];
    }

    /** One concrete ARN per resource type of the action, placeholders filled; `["*"]` for actions without one. */
    resourcesFor(action: string, values: ArnPlaceholders): string[] {
        const templates = this.templatesOf(action);
        if (templates.length === 0) {
            return ["*"];
        }
        return [...new Set(templates.map((t) => fill(t, values)))];
    }

    /** Whether an ARN is of a resource type the action takes (`*` for an action that takes none). */
    accepts(action: string, arn: string): boolean {
        const templates = this.templatesOf(action);
        if (templates.length === 0) {
            return arn === "*";
        }
        return templates.some((t) => this.matcher(t).test(arn));
    }

    private matcher(template: string): RegExp {
        let regex = this.matchers.get(template);
        if (!regex) {
            const parts = template.split(/(\$\{[A-Za-z0-9]+\})/);
            const body = parts
                .map((part) => (/^\$\{[A-Za-z0-9]+\}$/.test(part) ? (part === "${Partition}" ? "aws(?:-[a-z]+)*" : part === "${Account}" ? "\\d{12}" : part === "${Region}" ? "[a-z0-9-]+" : ".+") : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
                .join("");
            regex = new RegExp(`^${body}$`);
            this.matchers.set(template, regex);
        }
        return regex;
    }
}

function fill(template: string, values: ArnPlaceholders): string {
    return template
        .replace(/\$\{Partition\}/g, values.partition)
        .replace(/\$\{Region\}/g, values.region ?? "us-east-1")
        .replace(/\$\{Account\}/g, values.account)
        // The user's own name where the template names a user, a plain word elsewhere (an image is not "alice").
        .replace(/\$\{([A-Za-z0-9]+)\}/g, (_whole, placeholder: string) => (/^UserName/.test(placeholder) ? (values.name ?? "example") : "example"));
}

function templatesPath(): string {
    const candidates = [path.join(__dirname, TEMPLATES_FILE), path.join(__dirname, "..", "bin", "iam", TEMPLATES_FILE)];
    const found = candidates.find((p) => fs.existsSync(p));
    if (!found) {
        throw new Error(`the resource templates are not built (${candidates.join(" or ")} is missing): run \`npm run build\` in policy-pack/`);
    }
    return found;
}

let loaded: ResourceTemplates | undefined;

/** The templates bound to the catalog's actions, read once per process. */
export function resourceTemplates(actions: readonly string[]): ResourceTemplates {
    loaded ??= new ResourceTemplates(JSON.parse(fs.readFileSync(templatesPath(), "utf8")) as CompiledTemplates).bind(actions);
    return loaded;
}
