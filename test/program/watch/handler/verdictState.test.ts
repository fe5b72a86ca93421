import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { expect } from "chai";
import { mockClient } from "aws-sdk-client-mock";
import { stateKey, VerdictState } from "../../../../program/watch/handler/verdictState";

const TABLE = "force-mfa-watch";
const ENFORCED = { status: "enforced", eventId: "evt-1", judgedAt: "2026-12-07T10:00:00Z" };
const ESCAPES = { status: "escapes", eventId: "evt-2", judgedAt: "2026-12-07T10:05:00Z" };

describe("watch — verdictState: the last verdict of each principal, claimed by a conditional write", () => {
    const ddb = mockClient(DynamoDBClient);
    const state = () => new VerdictState(new DynamoDBClient({ region: "eu-central-1", credentials: { accessKeyId: "AKIAFAKE", secretAccessKey: "fake" } }), TABLE);
    beforeEach(() => ddb.reset());
    after(() => ddb.restore());

    it("keys principals by type and lower-cased name, as IAM compares names", () => {
        expect(stateKey("user", "Alice")).to.equal("user/alice");
        expect(stateKey("role", "Deploy")).to.equal("role/deploy");
        expect(stateKey("user", "x")).to.not.equal(stateKey("role", "x"));
    });

    it("reads consistently; no item, or one without a status, is no verdict; missing fields read empty", async () => {
        ddb.on(GetItemCommand, { Key: { principal: { S: "user/alice" } } }).resolves({ Item: { principal: { S: "user/alice" }, status: { S: "enforced" }, eventId: { S: "evt-1" }, judgedAt: { S: ENFORCED.judgedAt } } });
        ddb.on(GetItemCommand, { Key: { principal: { S: "user/bob" } } }).resolves({ Item: { principal: { S: "user/bob" }, status: { S: "escapes" } } });
        ddb.on(GetItemCommand, { Key: { principal: { S: "user/carol" } } }).resolves({ Item: { principal: { S: "user/carol" } } });
        ddb.on(GetItemCommand, { Key: { principal: { S: "user/dave" } } }).resolves({});
        expect(await state().read("user/alice")).to.deep.equal(ENFORCED);
        expect(await state().read("user/bob")).to.deep.equal({ status: "escapes", eventId: "", judgedAt: "" });
        expect(await state().read("user/carol")).to.equal(undefined);
        expect(await state().read("user/dave")).to.equal(undefined);
        const input = ddb.commandCalls(GetItemCommand)[0].args[0].input;
        expect(input).to.deep.equal({ TableName: TABLE, Key: { principal: { S: "user/alice" } }, ConsistentRead: true });
    });

    it("a first verdict is claimed only if none is recorded; a later one only if the recorded status is unchanged", async () => {
        ddb.on(PutItemCommand).resolves({});
        expect(await state().claim("user/alice", undefined, ENFORCED)).to.equal(true);
        expect(await state().claim("user/alice", ENFORCED, ESCAPES)).to.equal(true);
        const [first, second] = ddb.commandCalls(PutItemCommand).map((c) => c.args[0].input);
        expect(first).to.deep.equal({
            TableName: TABLE,
            Item: { principal: { S: "user/alice" }, status: { S: "enforced" }, eventId: { S: "evt-1" }, judgedAt: { S: ENFORCED.judgedAt } },
            ConditionExpression: "attribute_not_exists(principal)",
        });
        expect(second).to.deep.include({ ConditionExpression: "#status = :previous", ExpressionAttributeNames: { "#status": "status" }, ExpressionAttributeValues: { ":previous": { S: "enforced" } } });
        expect(second.Item!.status).to.deep.equal({ S: "escapes" });
    });

    it("another invocation's claim in between: false, not an error; any other failure is thrown", async () => {
        ddb.on(PutItemCommand).rejects(new ConditionalCheckFailedException({ message: "The conditional request failed", $metadata: {} }));
        expect(await state().claim("user/alice", ENFORCED, ESCAPES)).to.equal(false);
        // an error of that name from another copy of the SDK (a bundle) counts the same
        ddb.reset();
        ddb.on(PutItemCommand).rejects(Object.assign(new Error("conditional"), { name: "ConditionalCheckFailedException" }));
        expect(await state().claim("user/alice", ENFORCED, ESCAPES)).to.equal(false);
        ddb.reset();
        ddb.on(PutItemCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "ProvisionedThroughputExceededException" }));
        let error: unknown;
        await state().claim("user/alice", ENFORCED, ESCAPES).catch((err) => (error = err));
        expect((error as Error).name).to.equal("ProvisionedThroughputExceededException");
    });

    it("restore puts the previous verdict back, or deletes the item when there was none; forget deletes", async () => {
        ddb.on(PutItemCommand).resolves({});
        ddb.on(DeleteItemCommand).resolves({});
        await state().restore("user/alice", ENFORCED);
        await state().restore("user/bob", undefined);
        await state().forget("role/deploy");
        const put = ddb.commandCalls(PutItemCommand)[0].args[0].input;
        expect(put).to.deep.equal({ TableName: TABLE, Item: { principal: { S: "user/alice" }, status: { S: "enforced" }, eventId: { S: "evt-1" }, judgedAt: { S: ENFORCED.judgedAt } } });
        expect(ddb.commandCalls(DeleteItemCommand).map((c) => c.args[0].input)).to.deep.equal([
            { TableName: TABLE, Key: { principal: { S: "user/bob" } } },
            { TableName: TABLE, Key: { principal: { S: "role/deploy" } } },
        ]);
    });
});
