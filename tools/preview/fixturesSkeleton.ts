/**
 * `--write-fixtures FILE`: a fixtures file for the user to fill — every invoke and method call the run could not
 * answer, each with its result's fields as placeholders of their declared types (read from the provider's TypeScript
 * declarations), after the fixtures already given. A file still holding a placeholder is refused when read.
 */
import * as fs from "fs";
import { UnansweredInvoke } from "./capturedResource";
import { ResultShapes } from "./providerDeclarations";

export function fixturesSkeleton(unanswered: UnansweredInvoke[], given: Record<string, unknown>, fromDirs: string[]): Record<string, unknown> {
    const shapes = new ResultShapes(fromDirs);
    const skeleton: Record<string, unknown> = { ...given };
    for (const { token } of unanswered) {
        // Without declarations (a package the program does not have), an empty object: its fields are the user's to add.
        skeleton[token] = shapes.resultOf(token, "placeholder") ?? {};
    }
    return skeleton;
}

export function writeFixturesSkeleton(file: string, unanswered: UnansweredInvoke[], given: Record<string, unknown>, fromDirs: string[]): void {
    fs.writeFileSync(file, `${JSON.stringify(fixturesSkeleton(unanswered, given, fromDirs), null, 2)}\n`);
}
