/**
 * The SDK's request decoding and answer encoding, wrapped once by the pack: the counts the policies tell calls apart
 * by, and the filters every request's bytes pass through, driven through the SDK's own message classes.
 */
import { expect } from "chai";
import "../../../policy-pack/policies";
import { decodedStackRequests, filterRequestBytes, openRequests } from "../../../policy-pack/stack/analyzerMessages";
import { resource } from "../../../tools/bench/accountScaleStack";
import { analyzeRequest, analyzeStackRequest } from "../../../tools/preview/analyzerRequests";
import { analyzerMessages } from "../../../tools/preview/pulumiProto";

const role = resource("aws:iam/role:Role", "deploy", { name: "deploy", assumeRolePolicy: "{}" });

describe("the analyzer SDK's messages, as the pack wraps them", () => {
    it("counts AnalyzeStack requests decoded, and requests open until their answer is encoded", () => {
        const [stacks, open] = [decodedStackRequests(), openRequests()];
        analyzerMessages.AnalyzeStackRequest.deserializeBinary(analyzeStackRequest([role]).serializeBinary());
        expect(decodedStackRequests()).to.equal(stacks + 1);
        expect(openRequests()).to.equal(open + 1);
        analyzerMessages.AnalyzeRequest.deserializeBinary(analyzeRequest(role, [role]).serializeBinary());
        expect(decodedStackRequests(), "Analyze is no AnalyzeStack").to.equal(stacks + 1);
        expect(openRequests()).to.equal(open + 2);
        new analyzerMessages.AnalyzeResponse().serializeBinary();
        new analyzerMessages.RemediateResponse().serializeBinary();
        expect(openRequests(), "Remediate's answer closes its request as Analyze's does").to.equal(open);
    });

    it("passes every request's bytes through each filter once, before they are decoded", () => {
        const seen: number[] = [];
        const filter = (bytes: Uint8Array) => {
            seen.push(bytes.length);
            return bytes;
        };
        filterRequestBytes(filter);
        filterRequestBytes(filter);
        const bytes = analyzeRequest(role, [role]).serializeBinary();
        const request = analyzerMessages.AnalyzeRequest.deserializeBinary(bytes);
        new analyzerMessages.AnalyzeResponse().serializeBinary();
        expect(seen).to.deep.equal([bytes.length]);
        expect(request.getUrn()).to.equal(role.urn);
    });
});
