/**
 * The placeholders `--write-fixtures` writes for each field of a result, by its declared type: a fixtures file that
 * still holds one is refused, so a value nobody filled in never passes for the provider's answer.
 */
export const PLACEHOLDERS = { string: "<string>", number: "<number>", boolean: "<boolean>" } as const;

const IS_PLACEHOLDER = new Set<unknown>(Object.values(PLACEHOLDERS));

/** Where a fixture still holds a placeholder written by --write-fixtures (`ids[0]`), or undefined. */
export function placeholderIn(value: unknown, at = ""): string | undefined {
    if (typeof value === "string") {
        return IS_PLACEHOLDER.has(value) ? at || "(the result)" : undefined;
    }
    if (Array.isArray(value)) {
        return value.map((v, i) => placeholderIn(v, `${at}[${i}]`)).find(Boolean);
    }
    if (value && typeof value === "object") {
        return Object.entries(value).map(([k, v]) => placeholderIn(v, at ? `${at}.${k}` : k)).find(Boolean);
    }
    return undefined;
}
