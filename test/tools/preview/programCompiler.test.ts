/** The program's compiler settings, as the Pulumi CLI computes them (sdk/nodejs/cmd/run). In process. */
import { expect } from "chai";
import * as path from "path";
import { dirWith } from "./dirWith";
import { compilerSettings } from "../../../tools/preview/programCompiler";

describe("the program's compiler settings", () => {
    it("without a tsconfig: no project file, the CLI's defaults", () => {
        const dir = dirWith({});
        expect(compilerSettings(dir, dir)).to.deep.equal({
            compilerOptions: { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true" },
            esm: false,
        });
    });

    it("with one: its compilerOptions over the defaults (comments allowed, as tsc reads it)", () => {
        const dir = dirWith({ "tsconfig.json": '{ // the team\'s\n "compilerOptions": { "module": "commonjs", "moduleResolution": "node", "lib": ["ES2022"] } }' });
        const settings = compilerSettings(dir, dir);
        expect(settings.project).to.equal(path.join(dir, "tsconfig.json"));
        expect(settings.compilerOptions).to.deep.equal({ target: "ES2020", module: "commonjs", moduleResolution: "node", sourceMap: "true", lib: ["ES2022"] });
    });

    it('an ES module package ("type": "module") is loaded as one; a tsconfig named in Pulumi.yaml must exist', () => {
        const dir = dirWith({ "package.json": '{"type": "module"}', "tsconfig.pulumi.json": '{"compilerOptions": {"strict": true}}' });
        const settings = compilerSettings(dir, dir, "tsconfig.pulumi.json");
        expect(settings.esm).to.equal(true);
        expect(settings.compilerOptions).to.deep.include({ module: "nodenext", strict: true });
        expect(() => compilerSettings(dir, dir, "missing.json")).to.throw("tsconfig path was set to missing.json but the file was not found");
    });
});
