import { expect } from "chai";
import { textReport } from "../../../tools/preview/textReport";
import { sampleResult } from "./sampleResult";

describe("preview — textReport: the offline preview laid out as pulumi preview lays it out", () => {
    const lines = (text: string) => text.split("\n");

    it("the plan: tree order with depth, the settings that matter, [protect], remote components marked; default providers hidden", () => {
        const text = textReport(sampleResult());
        expect(lines(text)[0]).to.equal("Previewing team/dev offline (first preview: outputs unknown)");
        const plan = lines(text).filter((l) => l.startsWith(" +   "));
        expect(plan.map((l) => l.slice(5).trim().split(/\s{2,}/)[0])).to.deep.equal(["pulumi:pulumi:Stack", "team:index:People", "aws:iam/user:User", "aws:s3/bucket:Bucket", "eks:index:Cluster"]);
        expect(plan[2]).to.match(/^ \+ {7}aws:iam\/user:User +alice +name=alice {2}path=\/eng\/$/);
        expect(plan[3]).to.match(/state \[protect\] +bucket=a-very-long-bucket-name-x+\.\.\.$/);
        expect(plan[3].split("bucket=")[1]).to.have.length(80);
        expect(plan[4]).to.contain("(remote component: not expanded offline, its children are not judged)");
        expect(text).to.not.contain("default_7_48_0");
        expect(lines(textReport(sampleResult({ mode: "known" })))[0]).to.equal("Previewing team/dev offline (outputs known, as pulumi up)");
    });

    it("the program's messages under their resource (the stack's without one), debug left out, lines indented", () => {
        const text = textReport(sampleResult());
        expect(text).to.contain("Diagnostics:\n  aws:iam/user:User (alice):\n    warning: path /eng/ is new\n    second line\n\n  pulumi:pulumi:Stack (team-dev):\n    info: stack-wide note\n");
        expect(text).to.not.contain("not shown");
        expect(textReport(sampleResult({ logs: [] }))).to.not.contain("Diagnostics:");
    });

    it("the verdicts per resource with their level, without the description the pack puts first", () => {
        const text = textReport(sampleResult());
        expect(text).to.contain("Policies: force-mfa-guard@v0.1.0\n\n  aws:iam/user:User  alice\n    [mandatory]  iam-user-requires-mfa\n        user alice: no policy denies ec2:RunInstances.\n        Fix: add it to the group.\n");
        expect(text).to.contain("\n  (stack)\n    [advisory]  exemptions-visible\n        2 exemptions in force\n");
        expect(textReport(sampleResult({ diagnostics: [] }))).to.contain("Policies: force-mfa-guard@v0.1.0\n    no violations\n");
    });

    it("what was assumed, read or answered empty, the stack file and ESC environments", () => {
        const text = textReport(
            sampleResult({
                assumptions: { accountId: "123456789012", region: "eu-central-1", organization: "acme", existingUsers: [], emptyInvokes: ["aws:ec2/getVpc:getVpc"], reads: ["aws:iam/role:Role admin"] },
                stackConfig: { environments: ["acme/dev"], missingKeys: ["team:vpcId"] },
            }),
        );
        expect(text).to.contain('Assumed, not read from AWS: account 123456789012, region eu-central-1, organization "acme", existing IAM users: none.');
        expect(text).to.contain("Read, not looked up (state made up from the id): aws:iam/role:Role admin.");
        expect(text).to.contain("Answered with empty values of their declared fields (--allow-empty-invokes): aws:ec2/getVpc:getVpc.");
        expect(text).to.contain("No Pulumi.dev.yaml: the program ran without config.");
        expect(text).to.contain("ESC environments imported by the stack file, not resolved offline: acme/dev; config the program read that is not set: team:vpcId.");
        expect(textReport(sampleResult())).to.not.contain("No Pulumi.dev.yaml");
    });

    it("the summary: resources to create (no default providers), violations, and the verdict, --strict naming what it blocks on", () => {
        const blocked = lines(textReport(sampleResult())).at(-2)!;
        expect(blocked).to.equal("Resources: 5 to create. Policy violations: 1 mandatory, 1 advisory. This stack would be BLOCKED.");
        const clean = sampleResult({ diagnostics: [] });
        expect(lines(textReport(clean)).at(-2)).to.equal("Resources: 5 to create. Policy violations: 0 mandatory, 0 advisory. This stack passes, except what the remote components create, which was not judged.");
        expect(lines(textReport(clean, { strict: true })).at(-2)).to.match(/This stack would be BLOCKED \(--strict: remote components whose IAM principals were not judged: eks:index:Cluster cluster\)\.$/);
        expect(textReport(clean)).to.contain("    eks:index:Cluster cluster: creates IAM role for the cluster (trusted by eks.amazonaws.com)");
        const none = sampleResult({ diagnostics: [], remoteComponents: [], resources: sampleResult().resources.filter((r) => !r.remote) });
        expect(lines(textReport(none, { strict: true })).at(-2)).to.match(/This stack passes\.$/);
    });
});
