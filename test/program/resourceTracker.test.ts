/** resourceTracker: what a component registers is recorded, in order, and handed back unchanged. */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { resourceTracker } from "../../program/resourceTracker";
import { installMocks } from "./pulumiMocks";

describe("resourceTracker", () => {
    it("records each resource in order and returns it as given", () => {
        installMocks();
        const resources: pulumi.Resource[] = [];
        const track = resourceTracker(resources);
        const first = new pulumi.ComponentResource("test:index:First", "first");
        const second = new pulumi.ComponentResource("test:index:Second", "second");
        expect(track(first)).to.equal(first);
        expect(track(second)).to.equal(second);
        expect(resources).to.deep.equal([first, second]);
    });
});
