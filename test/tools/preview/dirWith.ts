/** A fresh temporary directory holding the given files (name → text): a small project for an in-process test. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export function dirWith(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-preview-"));
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}
