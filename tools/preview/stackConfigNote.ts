/**
 * Config the program read and the stack does not set, said where the reason may lie: there is no stack file, or the
 * stack file imports ESC environments, which are not resolved offline. Nothing to add otherwise (the program's own
 * message says which key it required).
 */
import * as path from "path";

export function configNote(stack: { file?: string; environments: string[] }, stackName: string, missing: string[]): string {
    if (!stack.file) {
        // Said even when no key was read by name: a program may read its config whole (pulumi.runtime.allConfig()).
        return ` (there is no Pulumi.${stackName}.yaml: the program ran without config${missing.length > 0 ? `; it read ${missing.join(", ")}` : ""})`;
    }
    const keys = `read but not set: ${missing.join(", ")}`;
    if (missing.length > 0 && stack.environments.length > 0) {
        return ` (config ${keys}; ${path.basename(stack.file)} imports the ESC environment${stack.environments.length === 1 ? "" : "s"} ${stack.environments.join(", ")}, not resolved offline: set these keys in the stack file)`;
    }
    return "";
}

