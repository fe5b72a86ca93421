/** The pack is published on its own: it must not reach into program/, and its defaults must match the program's. */
import { expect } from "chai";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { DEFAULT_ENFORCED_GROUP_NAME, DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../policy-pack/guardConfig";
import { parseForceMfaConfig } from "../../program/stackConfig";
import { enrollmentAllowList } from "../../program/enforcement/forceMfaPolicyDocument";

const PACK = path.resolve(__dirname, "../../policy-pack");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === "node_modules" ? [] : sources(full);
        }
        return entry.name.endsWith(".ts") ? [full] : [];
    });
}

describe("force-mfa-guard as a package of its own", () => {
    it("imports nothing outside policy-pack/ except its declared dependencies", () => {
        const declared = Object.keys(JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")).dependencies);
        for (const file of sources(PACK)) {
            // `from "x"`, `import "x"`, `import("x")`, `require("x")`.
            const specifiers = [...fs.readFileSync(file, "utf8").matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*|\brequire\s*\()\s*["']([^"']+)["']/g)].map((m) => m[1]);
            for (const specifier of specifiers) {
                if (specifier.startsWith(".")) {
                    const relative = path.relative(PACK, path.resolve(path.dirname(file), specifier));
                    expect(relative.startsWith("..") || path.isAbsolute(relative), `${file} imports ${specifier}`).to.equal(false);
                } else {
                    const pkg = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0];
                    if (!builtinModules.includes(pkg)) {
                        expect(declared, `${path.relative(PACK, file)} imports ${specifier}`).to.include(pkg);
                    }
                }
            }
        }
    });

    it("defaults to the program's enrollment allow-list and enforced group", () => {
        expect([...DEFAULT_ENROLLMENT_ALLOW_LIST].sort()).to.deep.equal(enrollmentAllowList(true).sort());
        expect(DEFAULT_ENFORCED_GROUP_NAME).to.equal(parseForceMfaConfig({ detection: { enabled: false } }).enforcedGroupName);
    });
});
