/**
 * force-mfa-guard under the calls the engine really sends (step_generator.go, analyze_snapshot.go): per resource, one
 * after the other, Remediate then Analyze; then one AnalyzeStack, its resources in no particular order. The pack tells
 * one AnalyzeStack call from the next by counting requests and answers (analyzerMessages.ts); it writes how each
 * stack policy found its call's state to FORCE_MFA_GUARD_CALL_LOG, which these tests read.
 */
import { expect } from "chai";
import * as http2 from "http2";
import { forceMfaGuardPolicies } from "../../policy-pack/policies";
import { CallLogEntry } from "../../policy-pack/stack/analyzerMessages";
import { analyzeRequest, analyzeStackRequest } from "../../tools/preview/analyzerRequests";
import { diagnosticsOf } from "../../tools/preview/analyzerAnswers";
import { EngineSequence } from "../../tools/preview/policyPackClient";
import { analyzerMessages } from "../../tools/preview/pulumiProto";
import { blocking, CallLog, captured, PackUnderTest, Res, Verdict, verdicts } from "./analyzerProtocol";
import { ADMIN_DOCUMENT, enforcedStack, forceMfaDocument, group, groupMembership, groupPolicyAttachment, policy, role, user } from "./stackFixtures";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { specialAssetSig, specialSigKey } = require("@pulumi/pulumi/runtime/rpc");

const STACK_POLICIES = forceMfaGuardPolicies.filter((p) => "validateStack" in p).length;
const ONE_GRAPH = ["built", ...Array(STACK_POLICIES - 1).fill("request")];

/** A stack with something for every policy to say: users in several groups, a broken deny, an admin, a bad trust. */
function busyStack(): Res[] {
    const users = ["alice", "bob", "carol", "dave", "erin"].map((name) => user(name));
    const stack = enforcedStack(users.slice(0, 3)) as Res[];
    const legacy = policy("LegacyBoolMFA", forceMfaDocument({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }));
    const admin = policy("Admin", ADMIN_DOCUMENT);
    const teams = ["ops", "dev", "sec"].map(group);
    stack.push(legacy, admin, ...teams);
    stack.push(groupPolicyAttachment(teams[0], legacy), groupPolicyAttachment(teams[1], admin), groupPolicyAttachment(teams[2], admin));
    stack.push(...users.slice(3));
    stack.push(groupMembership(teams[0], [users[0], users[3]]), groupMembership(teams[1], [users[1], users[3], users[4]]), groupMembership(teams[2], [users[4], users[2]]));
    stack.push(role("deploy", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }] }));
    return stack;
}

/** The same URNs, one property apart: the enforced group's ForceMFA no longer denies anything without MFA. */
function brokenTwin(stack: readonly Res[]): Res[] {
    const twin = [...stack];
    twin[0] = { ...twin[0], props: { ...twin[0].props, policy: forceMfaDocument({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }) } };
    return twin;
}

const ENFORCED_GROUP = group("mfa-enforced").urn;
const enforcedGroupBlocked = (vs: readonly Verdict[]) => blocking(vs).some((v) => v.policy === "iam-group-requires-mfa" && v.urn === ENFORCED_GROUP);

const sorted = (vs: readonly Verdict[]) => vs.map((v) => [v.policy, v.level, v.urn, v.message].join(" | ")).sort();

/**
 * The pack lists a user's groups, and the documents each group lends, in the order the request lists memberships,
 * which AnalyzeStack's order changes ("groups [dev, ops]" or "[ops, dev]", "policy A …; policy B …" or the other way
 * round): until it sorts them, messages are compared as the words they use, in any order.
 */
const wordsInAnyOrder = (vs: readonly Verdict[]) => sorted(vs.map((v) => ({ ...v, message: v.message.split(/[\s,;\[\]]+/).sort().join(" ") })));

/** The log entries of the last AnalyzeStack call the pack decoded. */
function lastCall(log: CallLog): CallLogEntry[] {
    const entries = log.entries();
    const last = Math.max(...entries.map((e) => e.request));
    return entries.filter((e) => e.request === last);
}

/**
 * A gRPC call sent over raw HTTP/2, whose end can be held back: the pack decodes the request when its message
 * arrives, but runs it only once the stream ends — so it stays open, as deterministic an overlap as there is.
 */
function rawCall(session: http2.ClientHttp2Session, method: string, message: { serializeBinary(): Uint8Array }) {
    const body = Buffer.from(message.serializeBinary());
    const frame = Buffer.alloc(5 + body.length);
    frame.writeUInt32BE(body.length, 1);
    body.copy(frame, 5);
    const stream = session.request({ ":method": "POST", ":path": `/pulumirpc.Analyzer/${method}`, "content-type": "application/grpc", te: "trailers" });
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    const answer = new Promise<Buffer>((resolve, reject) => {
        stream.on("trailers", (trailers) => (trailers["grpc-status"] === "0" ? resolve(Buffer.concat(chunks).subarray(5)) : reject(new Error(String(trailers["grpc-message"])))));
        stream.on("error", reject);
    });
    stream.write(frame);
    return { end: () => stream.end(), answer };
}

/** Written and flushed on the connection, so the next request's frames come after its own. */
const flushed = (session: http2.ClientHttp2Session) => new Promise<void>((resolve) => session.ping(() => resolve()));

describe("force-mfa-guard under the engine's sequence of calls", function () {
    this.timeout(240_000);
    const log = new CallLog();
    const pack = new PackUnderTest();

    before(async () => {
        await pack.start({}, log);
    });

    after(async () => {
        await pack.close();
        log.remove();
    });

    for (const sequence of ["preview", "update", "policy analyze"] as EngineSequence[]) {
        it(`${sequence}: AnalyzeStack is the one request open, so its policies share one graph, known by the counts`, async () => {
            const run = await pack.run(sequence, enforcedStack([user("alice"), user("bob")]) as Res[]);
            expect(run.stoppedAt).to.equal(undefined);
            expect(blocking(verdicts(run.diagnostics))).to.deep.equal([]);
            const call = lastCall(log);
            expect(call.map((e) => e.how)).to.deep.equal(ONE_GRAPH);
            expect(new Set(call.map((e) => e.graph)).size).to.equal(1);
            expect(call.every((e) => e.open === 1)).to.equal(true);
        });
    }

    it("gives two consecutive AnalyzeStack calls with the same URNs and different properties a graph each", async () => {
        const good = busyStack();
        const graphs: number[] = [];
        const results: Verdict[][] = [];
        for (const stack of [good, brokenTwin(good), good]) {
            results.push(await pack.preview(stack));
            const call = lastCall(log);
            expect(call.map((e) => e.how)).to.deep.equal(ONE_GRAPH);
            graphs.push(call[0].graph);
        }
        expect(new Set(graphs).size).to.equal(3);
        expect(results.map(enforcedGroupBlocked)).to.deep.equal([false, true, false]);
        expect(sorted(results[0])).to.deep.equal(sorted(results[2]));
    });

    it("judges the stack the same whatever order AnalyzeStack gets it in", async () => {
        for (const stack of [busyStack(), brokenTwin(busyStack())]) {
            for (const sequence of ["preview", "policy analyze"] as EngineSequence[]) {
                const given = verdicts((await pack.run(sequence, stack, { order: "given" })).diagnostics);
                expect(blocking(given)).to.not.deep.equal([]);
                for (const seed of [1, 2, 3]) {
                    const run = await pack.run(sequence, stack, { order: seed });
                    expect(run.stackOrder).to.not.deep.equal(stack.map((r) => r.urn));
                    const shuffled = verdicts(run.diagnostics);
                    expect(shuffled.map((v) => [v.policy, v.level, v.urn])).to.have.deep.members(given.map((v) => [v.policy, v.level, v.urn]));
                    expect(wordsInAnyOrder(shuffled), `${sequence}, seed ${seed}`).to.deep.equal(wordsInAnyOrder(given));
                }
            }
        }
    });

    it("compares the whole stack while another request is open, and never hands one call's graph to another", async () => {
        const good = busyStack().map(captured);
        const broken = brokenTwin(busyStack()).map(captured);
        const alone = async (stack: typeof good) => sorted(verdicts(await pack.pack.analyzeStack(stack)));
        const [expectGood, expectBroken] = [await alone(good), await alone(broken)];
        const session = http2.connect(`http://127.0.0.1:${pack.pack.port}`);
        try {
            // An Analyze decoded and held open, then an AnalyzeStack: two requests open while its policies run.
            const analyze = rawCall(session, "Analyze", analyzeRequest(good[0], good));
            await flushed(session);
            const stack = rawCall(session, "AnalyzeStack", analyzeStackRequest(broken));
            stack.end();
            const judged = diagnosticsOf(analyzerMessages.AnalyzeResponse.deserializeBinary(await stack.answer));
            expect(sorted(verdicts(judged))).to.deep.equal(expectBroken);
            expect(lastCall(log).map((e) => [e.how, e.open])).to.deep.equal([["built", 2], ...Array(STACK_POLICIES - 1).fill(["compared", 2])]);
            analyze.end();
            await analyze.answer;

            // Two AnalyzeStack calls of the same URNs in flight: the first waits while the second is judged.
            const first = rawCall(session, "AnalyzeStack", analyzeStackRequest(good));
            await flushed(session);
            const second = rawCall(session, "AnalyzeStack", analyzeStackRequest(broken));
            second.end();
            const secondJudged = diagnosticsOf(analyzerMessages.AnalyzeResponse.deserializeBinary(await second.answer));
            first.end();
            const firstJudged = diagnosticsOf(analyzerMessages.AnalyzeResponse.deserializeBinary(await first.answer));
            expect([sorted(verdicts(firstJudged)), sorted(verdicts(secondJudged))]).to.deep.equal([expectGood, expectBroken]);
            const [ofSecond, ofFirst] = [lastCall(log).slice(0, STACK_POLICIES), lastCall(log).slice(STACK_POLICIES)];
            expect(ofSecond.map((e) => [e.how, e.open])).to.deep.equal([["built", 2], ...Array(STACK_POLICIES - 1).fill(["compared", 2])]);
            expect(ofFirst.map((e) => [e.how, e.open])).to.deep.equal(ONE_GRAPH.map((how) => [how, 1]));
            expect(ofFirst[0].graph).to.not.equal(ofSecond[0].graph);
        } finally {
            session.close();
        }
    });

    // Last: it leaves a request counted open for the rest of this pack process.
    it("counts a failed call as still open: later calls compare the stack instead, and judge it the same", async () => {
        const stack = busyStack();
        const expected = sorted(await pack.preview(stack));
        // The SDK cannot decode an asset with no content: AnalyzeStack answers with an error, encoding no response.
        const bad = { ...captured(user("mallory")), properties: { name: "mallory", avatar: { [specialSigKey]: specialAssetSig } } };
        const failure = await pack.pack.analyzeStack([bad]).then(
            () => "answered",
            (err: Error) => err.message,
        );
        expect(failure).to.match(/Invalid asset/);
        expect(sorted(await pack.preview(stack))).to.deep.equal(expected);
        expect(lastCall(log).map((e) => [e.how, e.open])).to.deep.equal([["built", 2], ...Array(STACK_POLICIES - 1).fill(["compared", 2])]);
    });
});
