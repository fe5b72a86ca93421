import { expect } from "chai";
import { arnMatches, coversEveryResource, matchesEveryArn, statementSelectsResource } from "../../../policy-pack/iam/arn";

describe("arn: resource patterns as IAM matches them", () => {
    it("segment by segment, wildcards within a segment, variables resolved when known", () => {
        const user = "arn:aws:iam::123456789012:user/eng/alice";
        expect(arnMatches("arn:aws:iam::*:user/*/alice", user)).to.equal("yes");
        expect(arnMatches("arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::123456789012:user/alice", new Map([["aws:username", "alice"]]))).to.equal("yes");
        expect(arnMatches("arn:aws:iam::*:user/${aws:username}", user)).to.equal("maybe");
        expect(arnMatches("arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::123456789012:user/${aws:username}", undefined, true)).to.equal("yes");
        expect(arnMatches("arn:aws:s3:::bucket/*", user)).to.equal("no");
        expect(arnMatches("*", user)).to.equal("yes");
    });

    it("Resource selects what matches; NotResource what does not", () => {
        const arn = "arn:aws:s3:::logs/a";
        expect(statementSelectsResource({ resources: ["arn:aws:s3:::logs/*"] }, arn)).to.equal("yes");
        expect(statementSelectsResource({ notResources: ["arn:aws:s3:::logs/*"] }, arn)).to.equal("no");
        expect(statementSelectsResource({ notResources: ["arn:aws:s3:::other/*"] }, arn)).to.equal("yes");
        expect(statementSelectsResource({}, arn)).to.equal("no");
    });

    it("every resource: only `*`, not an ARN pattern (actions authorized against * slip past it)", () => {
        expect(coversEveryResource({ resources: ["*"] })).to.equal(true);
        expect(coversEveryResource({ resources: ["arn:*:*:*:*:*"] })).to.equal(false);
        expect(matchesEveryArn("arn:*:*:*:*:*")).to.equal(true);
        expect(matchesEveryArn("arn:aws:*:*:*:*")).to.equal(true);
        expect(matchesEveryArn("arn:aws:s3:::*")).to.equal(false);
    });
});
