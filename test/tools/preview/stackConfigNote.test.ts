import { expect } from "chai";
import { configNote } from "../../../tools/preview/stackConfigNote";

describe("preview — stackConfigNote: config the program read that the stack does not set", () => {
    it("is said with its reason: no stack file, or ESC environments not resolved offline; nothing else to add otherwise", () => {
        expect(configNote({ environments: [] }, "dev", ["team:db"])).to.equal(" (there is no Pulumi.dev.yaml: the program ran without config; it read team:db)");
        expect(configNote({ environments: [] }, "dev", [])).to.equal(" (there is no Pulumi.dev.yaml: the program ran without config)");
        expect(configNote({ file: "/p/Pulumi.dev.yaml", environments: ["team/aws-dev"] }, "dev", ["team:db", "aws:region"])).to.equal(
            " (config read but not set: team:db, aws:region; Pulumi.dev.yaml imports the ESC environment team/aws-dev, not resolved offline: set these keys in the stack file)",
        );
        expect(configNote({ file: "/p/Pulumi.dev.yaml", environments: [] }, "dev", ["team:db"])).to.equal("");
        expect(configNote({ file: "/p/Pulumi.dev.yaml", environments: ["team/aws-dev"] }, "dev", [])).to.equal("");
    });
});
