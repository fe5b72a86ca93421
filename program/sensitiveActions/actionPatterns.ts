/**
 * Action patterns as IAM reads them: `service:Action`, `*` any run of characters, `?` one character, compared
 * without case. The program uses it to keep sensitive-action groups off the enrollment allow-list.
 */

/** `service:Action` with wildcards in the action part only: a wildcard service would name every service. */
export const ACTION_PATTERN = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;

export function actionPatternMatches(pattern: string, action: string): boolean {
    const body = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\-]/g, "\\$&")))
        .join("");
    return new RegExp(`^${body}$`, "i").test(action);
}
