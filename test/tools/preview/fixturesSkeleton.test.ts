import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fixturesSkeleton, writeFixturesSkeleton } from "../../../tools/preview/fixturesSkeleton";
import { componentPackage } from "./componentPackage";

describe("preview — fixturesSkeleton: the fixtures file --write-fixtures writes", function () {
    this.timeout(60_000);

    it("keeps the given answers and adds each unanswered token, {} when its package is not installed", () => {
        const skeleton = fixturesSkeleton(
            [
                { token: "teamk8s:index:Cluster/getKubeconfig", sites: [] },
                { token: "other:index:getThing", sites: [] },
            ],
            { "aws:ec2/getVpc:getVpc": { id: "vpc-1" } },
            [componentPackage()],
        );
        expect(skeleton).to.deep.equal({
            "aws:ec2/getVpc:getVpc": { id: "vpc-1" },
            "teamk8s:index:Cluster/getKubeconfig": { kubeconfig: "<string>", contexts: [{ name: "<string>", namespaces: ["<string>"] }], ready: "<boolean>" },
            "other:index:getThing": {},
        });
    });

    it("is written as JSON a reader reads back, the given answers first, ending with a newline", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "force-mfa-skeleton-")), "fixtures.json");
        writeFixturesSkeleton(file, [{ token: "other:index:getThing", sites: [] }], { "other:index:getOther": { id: "x" } }, [componentPackage()]);
        const text = fs.readFileSync(file, "utf8");
        expect(text.endsWith("}\n")).to.equal(true);
        expect(JSON.parse(text)).to.deep.equal({ "other:index:getOther": { id: "x" }, "other:index:getThing": {} });
    });
});
