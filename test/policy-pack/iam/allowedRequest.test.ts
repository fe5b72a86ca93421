import { expect } from "chai";
import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../../policy-pack/guardConfig";
import { actionCatalog } from "../../../policy-pack/iam/actionCatalog";
import { AllowSearchInput, findAllowedRequest } from "../../../policy-pack/iam/allowedRequest";
import { NamedDocument } from "../../../policy-pack/iam/mfaDenyResult";
import { parsePolicyDocument } from "../../../policy-pack/iam/policyDocument";
import { actionMatches } from "../../../policy-pack/iam/wildcard";
import { ADMIN_DOCUMENT, forceMfaDocument } from "../stackFixtures";

const ACCOUNT = "123456789012";
const ALICE = { name: "alice", path: "/eng/", arn: `arn:aws:iam::${ACCOUNT}:user/eng/alice` };

const named = (label: string, document: unknown): NamedDocument => ({ label, document: parsePolicyDocument(document) });
const statements = (label: string, ...statement: unknown[]) => named(label, { Version: "2012-10-17", Statement: statement });
const isAllowListed = (action: string) => DEFAULT_ENROLLMENT_ALLOW_LIST.some((p) => actionMatches(p, action));

function search(identity: NamedDocument[], extra: Partial<AllowSearchInput> = {}) {
    return findAllowedRequest({ catalog: actionCatalog(), isAllowListed, user: ALICE, identity, ...extra });
}

describe("allowedRequest: one concrete request a user's own policies allow without MFA", () => {
    it("an admin policy and no deny: the preferred action, on the user itself, with the keys of a request without MFA", () => {
        const { request, mayAllow } = search([named("policy admin", ADMIN_DOCUMENT)], { preferred: ["iam:CreateAccessKey"] });
        expect(request).to.include({ action: "iam:CreateAccessKey", resource: ALICE.arn, allowedBy: "policy admin: statement 1", allowElement: "Action" });
        expect(request!.context.name).to.match(/MFA absent/);
        // the long-term key request carries no MFA key at all; the user's own keys are there
        expect(request!.contextKeys).to.not.have.property("aws:MultiFactorAuthPresent");
        expect(request!.contextKeys).to.include({ "aws:username": "alice", "aws:PrincipalArn": ALICE.arn, "aws:PrincipalAccount": ACCOUNT, "aws:PrincipalType": "User" });
        expect(request).to.not.have.property("boundaryAllowedBy");
        expect(mayAllow).to.deep.equal([]);
    });

    it("under the MFA deny nothing beyond enrollment gets through, and enrollment is never a witness", () => {
        expect(search([named("enforced", forceMfaDocument()), named("admin", ADMIN_DOCUMENT)])).to.deep.equal({ mayAllow: [] });
        const onlyEnrollment = statements("self-service", { Effect: "Allow", Action: ["iam:EnableMFADevice", "iam:CreateVirtualMFADevice"], Resource: "*" });
        expect(search([onlyEnrollment]).request).to.equal(undefined);
    });

    it("an allow that requires MFA allows nothing without it; one that hinges on another key only may allow", () => {
        const mfaOnly = statements("p", { Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } });
        expect(search([mfaOnly])).to.deep.equal({ mayAllow: [] });
        const fromOffice = statements("office", { Sid: "FromOffice", Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } });
        const result = search([fromOffice]);
        expect(result.request).to.equal(undefined);
        expect(result.mayAllow).to.have.length(1);
        expect(result.mayAllow[0]).to.match(/^office: statement "FromOffice" may allow requests without MFA, depending on .*aws:sourceip/i);
    });

    it("a deny that may apply (its condition unknown) blocks the request: only a sure allow counts", () => {
        const allow = statements("allow", { Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
        const maybeDeny = statements("deny", { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-central-1" } } });
        expect(search([allow, maybeDeny]).request).to.equal(undefined);
        expect(search([allow]).request).to.include({ action: "s3:GetObject" });
    });

    it("NotAction allows are witnesses too, named as such; an action they exclude is not chosen", () => {
        const notIam = statements("broad", { Effect: "Allow", NotAction: "iam:*", Resource: "*" });
        const { request } = search([notIam], { preferred: ["iam:CreateAccessKey", "ec2:RunInstances"] });
        expect(request).to.include({ action: "ec2:RunInstances", allowElement: "NotAction" });
    });

    it("resources: `${aws:username}` resolves to the user; another account's resource is its own policy's business", () => {
        const own = statements("own keys", { Effect: "Allow", Action: "iam:CreateAccessKey", Resource: `arn:aws:iam::${ACCOUNT}:user/eng/\${aws:username}` });
        expect(search([own]).request).to.include({ action: "iam:CreateAccessKey", resource: ALICE.arn });
        const someoneElse = statements("other", { Effect: "Allow", Action: "iam:CreateAccessKey", Resource: `arn:aws:iam::${ACCOUNT}:user/eng/bob` });
        expect(search([someoneElse]).request).to.include({ resource: `arn:aws:iam::${ACCOUNT}:user/eng/bob` });
        const otherAccount = statements("cross", { Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::999999999999:user/*" });
        expect(search([otherAccount]).request).to.equal(undefined);
        // …and a deny or a NotResource naming another account leaves this account's resources alone
        const denyThere = statements("deny there", { Effect: "Deny", Action: "iam:*", Resource: "arn:aws:iam::999999999999:user/*" });
        expect(search([own, denyThere]).request).to.include({ resource: ALICE.arn });
        const notThere = statements("not there", { Effect: "Allow", Action: "iam:CreateAccessKey", NotResource: "arn:aws:iam::999999999999:user/*" });
        expect(search([notThere]).request).to.include({ resource: ALICE.arn });
        // a resource of a type the action does not take is no request AWS would evaluate
        const wrongType = statements("wrong", { Effect: "Allow", Action: "iam:CreateAccessKey", Resource: `arn:aws:iam::${ACCOUNT}:role/*` });
        expect(search([wrongType]).request).to.equal(undefined);
    });

    it("a permissions boundary must allow the request too: the witness is where both meet", () => {
        const admin = named("admin", ADMIN_DOCUMENT);
        const boundary = statements("boundary", { Sid: "OnlyReads", Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
        const { request } = search([admin], { boundary: [boundary], preferred: ["iam:CreateAccessKey"] });
        expect(request).to.include({ action: "s3:GetObject", allowedBy: "admin: statement 1", boundaryAllowedBy: 'boundary: statement "OnlyReads"' });
        const disjoint = statements("boundary", { Effect: "Allow", Action: "s3:GetObject", Resource: "*" });
        expect(search([statements("iam only", { Effect: "Allow", Action: "iam:*", Resource: "*" })], { boundary: [disjoint] }).request).to.equal(undefined);
        // a boundary that only denies allows nothing
        expect(search([admin], { boundary: [statements("deny only", { Effect: "Deny", Action: "*", Resource: "*" })] }).request).to.equal(undefined);
    });

    it("a boundary whose allow hinges on an unknown key is reported as may allow", () => {
        const admin = named("admin", ADMIN_DOCUMENT);
        const tagged = statements("boundary", { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/team": "eng" } } });
        const result = search([admin], { boundary: [tagged] });
        expect(result.request).to.equal(undefined);
        expect(result.mayAllow.join("\n")).to.match(/boundary/);
    });
});
