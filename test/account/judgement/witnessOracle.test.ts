/**
 * Every status the audit gives a user is checked against the independent evaluator @cloud-copilot/iam-simulate
 * (AGPL, devDependency, tests only): an `escapes` witness is a request the simulator ALLOWS with the user's own
 * policies and the witness's context keys; an `unenforced` user is one for which no action its policies name is
 * allowed without MFA on any resource of that action's types.
 */
import { expect } from "chai";
import { buildAuditReport } from "../../../account/report/buildAuditReport";
import { AuditReport, PrincipalVerdict } from "../../../account/report/reportModel";
import { DEFAULT_ENROLLMENT_ALLOW_LIST } from "../../../policy-pack/evaluator";
import { candidateResources, simulate } from "../../policy-pack/oracle/simulator";
import { auditInputs, NOW, rawDetails } from "../accountFixtures";
import { rawTruthDetails, rawUserPolicies, TRUTH_ACCOUNT, truthInputs } from "../truthFixtures";

const WITHOUT_MFA: Record<string, string>[] = [{}, { "aws:MultiFactorAuthPresent": "false" }];

async function simulateWitness(details: Record<string, unknown>, user: PrincipalVerdict): Promise<string> {
    const { identity, boundary } = rawUserPolicies(details, user.name);
    const w = user.witness!;
    return simulate({
        principal: user.arn!,
        action: w.action,
        resource: w.resource!,
        resourceAccount: user.arn!.split(":")[4],
        context: { ...(w.contextKeys ?? {}) },
        identityPolicies: identity,
        ...(boundary ? { permissionBoundaries: boundary } : {}),
    });
}

/** Every action an Allow statement of the user's documents names explicitly (wildcards expanded by the caller). */
function namedActions(documents: unknown[]): string[] {
    const actions = new Set<string>();
    for (const document of documents as { Statement: unknown }[]) {
        const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
        for (const s of statements as { Effect: string; Action?: string | string[] }[]) {
            if (s.Effect === "Allow" && s.Action) {
                (Array.isArray(s.Action) ? s.Action : [s.Action]).filter((a) => !a.includes("*")).forEach((a) => actions.add(a));
            }
        }
    }
    return [...actions];
}

const allowListed = (action: string) => DEFAULT_ENROLLMENT_ALLOW_LIST.some((a) => a.toLowerCase() === action.toLowerCase());

describe("account audit — statuses and witnesses against @cloud-copilot/iam-simulate", () => {
    const cases: [string, () => Promise<AuditReport>, () => Record<string, unknown>][] = [
        ["the first fixture", () => buildAuditReport(auditInputs(), { now: NOW }), rawDetails],
        ["the truth fixture", () => buildAuditReport(truthInputs(), { now: NOW }), rawTruthDetails],
    ];
    for (const [name, build, raw] of cases) {
        it(`${name}: every escaping user's witness is allowed by its own policies, as the simulator decides`, async () => {
            const report = await build();
            const escaping = report.principals.filter((p) => p.type === "user" && p.status === "escapes");
            expect(escaping.length).to.be.greaterThan(0);
            for (const user of escaping) {
                expect(user.witness!.resource, user.name).to.be.a("string");
                expect(user.witness!.allowedBy, user.name).to.be.a("string");
                expect(await simulateWitness(raw(), user), `${user.name}: ${JSON.stringify(user.witness)}`).to.equal("Allowed");
            }
        });

        it(`${name}: no unenforced user is allowed, by the simulator, any action its policies name without MFA`, async () => {
            const report = await build();
            const details = raw();
            for (const user of report.principals.filter((p) => p.type === "user" && p.status === "unenforced")) {
                const { identity, boundary } = rawUserPolicies(details, user.name);
                for (const action of namedActions(identity).filter((a) => !allowListed(a))) {
                    for (const resource of await candidateResources(action)) {
                        for (const context of WITHOUT_MFA) {
                            const arn = resource.replace(/123456789012/g, user.arn!.split(":")[4]);
                            const outcome = await simulate({
                                principal: user.arn!,
                                action,
                                resource: arn,
                                resourceAccount: user.arn!.split(":")[4],
                                context,
                                identityPolicies: identity,
                                ...(boundary ? { permissionBoundaries: boundary } : {}),
                            });
                            expect(outcome, `${user.name}: ${action} on ${arn} with ${JSON.stringify(context)}`).to.not.equal("Allowed");
                        }
                    }
                }
            }
        });
    }

    it("names the request that really gets through: iam:PutUserPolicy on itself, not ec2:RunInstances", async () => {
        const report = await buildAuditReport(truthInputs(), { now: NOW });
        const user = report.principals.find((p) => p.name === "ci-putpolicy")!;
        expect(user.status).to.equal("escapes");
        expect(user.witness).to.deep.include({
            action: "iam:PutUserPolicy",
            resource: `arn:aws:iam::${TRUTH_ACCOUNT}:user/ci-putpolicy`,
            mfaContext: "MFA absent (long-term access keys)",
            allowedBy: 'inline policy "manage-own-inline-policy" of user ci-putpolicy: statement "OwnInlinePolicy"',
            allowElement: "Action",
        });
    });

    it("finds the session escape a deny on absent MFA leaves: iam:CreatePolicyVersion with MFA \"false\"", async () => {
        const report = await buildAuditReport(truthInputs(), { now: NOW });
        const user = report.principals.find((p) => p.name === "policy-editor")!;
        expect(user.status).to.equal("escapes");
        expect(user.witness).to.deep.include({ action: "iam:CreatePolicyVersion", mfaContext: 'MFA "false" (session without MFA)' });
        expect(user.witness!.contextKeys).to.include({ "aws:MultiFactorAuthPresent": "false" });
        expect(user.witness!.resource).to.match(new RegExp(`^arn:aws:iam::${TRUTH_ACCOUNT}:policy/team/`));
    });

    it("a boundary narrows the witness to what both allow", async () => {
        const report = await buildAuditReport(truthInputs(), { now: NOW });
        const user = report.principals.find((p) => p.name === "bounded")!;
        expect(user.status).to.equal("escapes");
        expect(user.witness).to.deep.include({ action: "dynamodb:GetItem", boundaryAllowedBy: 'permissions boundary "DynamoOnlyBoundary": statement "TablesOnly"' });
    });

    it("tells a user with nothing allowed (unenforced) from one that acts now (escapes), and says what may allow", async () => {
        const report = await buildAuditReport(truthInputs(), { now: NOW });
        const status = (name: string) => report.principals.find((p) => p.name === name)!;
        expect(status("bare").status).to.equal("unenforced");
        expect(status("enroll-only").status).to.equal("unenforced");
        expect(status("bare").witness).to.equal(undefined);
        const ip = status("ip-bound");
        expect(ip.status).to.equal("unenforced");
        expect(ip.notes!.join(" ")).to.contain("aws:SourceIp");
        // The simulator agrees that it "may": inside the range the allow holds.
        const { identity } = rawUserPolicies(rawTruthDetails(), "ip-bound");
        expect(
            await simulate({
                principal: ip.arn!,
                action: "s3:GetObject",
                resource: `arn:aws:s3:::reports-${TRUTH_ACCOUNT}/q3.csv`,
                resourceAccount: TRUTH_ACCOUNT,
                context: { "aws:SourceIp": "203.0.113.7" },
                identityPolicies: identity,
            }),
        ).to.equal("Allowed");
    });
});
