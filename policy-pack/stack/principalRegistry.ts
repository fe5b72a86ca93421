/**
 * The stack's principals of one kind (groups or users), found by URN and by IAM name: those the stack declares, and
 * those it only names (they exist outside it). Names are compared as IAM compares them, without (ASCII) case.
 */
import { asciiLowerCase } from "../iam/wildcard";
import { Unknown, readStringList } from "./knownValues";
import { PrincipalEntry } from "./principals";
import { linkedResources, StackResource } from "./stackResource";

type Entry = PrincipalEntry & { inStack: boolean };

export class PrincipalRegistry<T extends Entry> {
    private readonly byKey = new Map<string, T>();
    private readonly byUrn = new Map<string, T>();
    private readonly byName = new Map<string, T>();

    constructor(
        private readonly kind: "group" | "user",
        private readonly types: readonly string[],
        private readonly create: (key: string, name: string, urn: string | undefined) => T,
    ) {}

    /** A resource of the stack: named by its IAM name, or by its logical name while that is unknown or generated. */
    declare(r: StackResource, name: string | Unknown | undefined): T {
        const entry = this.create(r.urn, typeof name === "string" ? name : r.name, r.urn);
        entry.inStack = true;
        entry.nameKnown = typeof name === "string";
        this.byKey.set(entry.key, entry);
        this.byUrn.set(r.urn, entry);
        if (typeof name === "string") {
            this.byName.set(asciiLowerCase(name), entry);
        }
        return entry;
    }

    /** The principal of this name (whatever its case), declared in the stack or not. */
    readonly named = (name: string): T => {
        let entry = this.byName.get(asciiLowerCase(name));
        if (!entry) {
            entry = this.create(`${this.kind}:${asciiLowerCase(name)}`, name, undefined);
            this.byKey.set(entry.key, entry);
            this.byName.set(asciiLowerCase(name), entry);
        }
        return entry;
    };

    ofResource(r: StackResource): T | undefined {
        return this.byUrn.get(r.urn);
    }

    /** Every principal, in the order it was first seen (the stack's own, then those only named). */
    get all(): T[] {
        return [...this.byKey.values()];
    }

    /** Resolves a name-valued link of a resource (its properties given) to entries; unknown values go through the resource graph. */
    resolve(resource: StackResource, props: Record<string, unknown>, property: string, problems: string[]): T[] {
        const list = readStringList(props, property);
        const found = list.known.map(this.named);
        if (list.hasUnknown) {
            const linked = linkedResources(resource, property, this.types)
                .map((r) => this.byUrn.get(r.urn))
                .filter((e): e is T => e !== undefined);
            if (linked.length === 0) {
                problems.push(`${resource.type.split(":").pop()} "${resource.name}": ${property} is unknown during preview and not traceable to a resource of this stack`);
            }
            found.push(...linked);
        }
        return [...new Set(found)];
    }
}
