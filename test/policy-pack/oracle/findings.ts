/** Shared shapes for the cross-check: one record per compared variant, and the tables that explain disagreements. */

export type Category = "conditions" | "mfaDeny" | "trust" | "enrollment";

export const CATEGORIES: readonly Category[] = ["conditions", "mfaDeny", "trust", "enrollment"];

/** One evaluator-vs-simulator comparison. */
export interface Comparison {
    readonly category: Category;
    /** Stable id of the generated variant, e.g. `conditions#0412`. */
    readonly id: string;
    /** The input, compactly (documents / conditions / context), for messages. */
    readonly input: string;
    /** What the evaluator answered, normalised (e.g. `true`, `escape ec2:RunInstances`, `possible`). */
    readonly evaluator: string;
    /** What iam-simulate answered, normalised the same way, or its refusal (`error: ...`). */
    readonly oracle: string;
    readonly agree: boolean;
    /** Features of the variant the explanation tables key on (operator, key state, principal kind, ...). */
    readonly tags: ReadonlySet<string>;
}

/** An entry of ACCEPTED_DISAGREEMENTS or SUSPECTED_EVALUATOR_BUGS. */
export interface Explanation {
    readonly id: string;
    readonly category: Category;
    /** A precise predicate over a disagreement: it must not match anything it does not explain. */
    readonly matches: (c: Comparison) => boolean;
    readonly reason: string;
}
