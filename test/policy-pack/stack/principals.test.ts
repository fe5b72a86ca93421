import { expect } from "chai";
import { GroupEntry, UserEntry } from "../../../policy-pack/stack/principals";

const ref = (key: string) => ({ key, name: key, source: { label: `policy "${key}"`, problem: "outside" } });

describe("principals: an entry holds what AWS will attach to it", () => {
    it("attachments one by one, replaced by an exclusive set, revoked from both", () => {
        const group = new GroupEntry("g", "ops", undefined);
        group.attach(ref("A"));
        group.attach(ref("B"));
        expect([...group.effectiveAttached.keys()]).to.deep.equal(["A", "B"]);
        group.exclusiveAttached = new Map([["C", ref("C")]]);
        expect([...group.effectiveAttached.keys()]).to.deep.equal(["C"]);
        group.detach("C");
        expect([...group.effectiveAttached.keys()]).to.deep.equal([]);
    });

    it("inline policies kept by an exclusive set of names (any case); a name it lists but the stack lacks is unverifiable", () => {
        const user = new UserEntry("u", "alice", undefined);
        user.inline.push({ name: "Keep", source: { label: "keep" } }, { name: "drop", source: { label: "drop" } });
        user.exclusiveInlineNames = new Set(["keep", "missing"]);
        expect(user.ownDocuments("user").map((d) => [d.label, d.problem])).to.deep.equal([
            ["keep", undefined],
            ['inline policy "missing" of user alice', "it is not declared in this stack"],
        ]);
        expect(new UserEntry("user:bob", undefined, undefined).displayName).to.equal("user:bob");
    });
});
