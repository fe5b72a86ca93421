/**
 * Config the program read and the stack does not set, said where the reason may lie: there is no stack file, or the
 * stack file imports ESC environments, which are not resolved offline. Nothing to add otherwise (the program's own
 * message says which key it required).
 */
import * as path from "path";

export function configNote(stack: { file?: string; environments: string[] }, stackName: string, missing: string[]): string {
    if (missing.length === 0) {
        return "";
    }
    const keys = `read but not set: ${missing.join(", ")}`;
    if (!stack.file) {
        return ` (config ${keys}; there is no Pulumi.${stackName}.yaml)`;
    }
    if (stack.environments.length > 0) {
        return ` (config ${keys}; ${path.basename(stack.file)} imports the ESC environment${stack.environments.length === 1 ? "" : "s"} ${stack.environments.join(", ")}, not resolved offline: set these keys in the stack file)`;
    }
    return "";
}

