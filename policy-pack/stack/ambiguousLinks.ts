/**
 * A link unknown during preview that may lead to several of the stack's policies: how many values are unknown, and
 * the sets of candidates AWS may end up attaching, each to be tried by the verdicts that rest on the link.
 */
import { isUnknown } from "./knownValues";
import { ManagedPolicyRef } from "./principals";
import { StackResource } from "./stackResource";

/** More sets than this and an ambiguous link is not explored: it stays unverifiable. */
const MAX_CHOICES = 64;

/** The ARN-valued links that hold a list (the others hold one ARN). */
const LIST_PROPERTIES = new Set(["managedPolicyArns", "policyArns"]);

/** How many values of a property are unknown: undefined when a whole list is (the engine sends one sentinel for it). */
export function unknownSlots(property: string, value: unknown): number | undefined {
    if (Array.isArray(value)) {
        return value.filter(isUnknown).length;
    }
    return LIST_PROPERTIES.has(property) ? undefined : 1;
}

function combinations<T>(items: readonly T[], size: number): T[][] {
    if (size === 0) {
        return [[]];
    }
    const result: T[][] = [];
    items.forEach((item, i) => {
        for (const rest of combinations(items.slice(i + 1), size - 1)) {
            result.push([item, ...rest]);
            if (result.length > MAX_CHOICES) {
                return;
            }
        }
    });
    return result;
}

/**
 * More candidate policies than unknown values: which are attached is not known, so a verdict that rests on the
 * link must hold for every set AWS may end up with (`slots` of them; when the count is unknown, any one: a
 * deny holds with fewer documents only if it holds with one).
 */
export function ambiguousLink(resource: StackResource, property: string, candidates: ManagedPolicyRef[], slots: number, label: (name: string) => string): ManagedPolicyRef {
    const names = candidates.map((c) => `"${c.name}"`).join(", ");
    const choices = combinations(candidates, Math.min(slots, candidates.length));
    const name = `${property} of ${resource.name}`;
    return {
        key: `${resource.urn}#${property}`,
        name,
        candidates,
        source: {
            label: label(name),
            problem: `its ARN is unknown during preview and may name any of the policies ${names} of this stack, so which one is attached is not known`,
            choices: choices.length <= MAX_CHOICES ? choices.map((set) => set.map((c) => c.source)) : undefined,
        },
    };
}
