/** The day record in the audit bucket: what a run announced today, so that a second run does not announce it again. */
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { dayRecordKey, readDayRecord, wasAnnounced, writeDayRecord } from "../../../../program/enrollmentWindow/job/dayRecord";
import { FakeAccount } from "./fakeAccount";

const BUCKET = "audit-bucket";

describe("day record", () => {
    let account: FakeAccount;
    let s3: S3Client;
    beforeEach(() => {
        account = new FakeAccount([], new Date("2026-12-01T06:00:00Z"));
        s3 = account.clients().s3;
    });
    afterEach(() => account.restore());

    it("is kept under force-mfa/enrollment-window/<day>.json", () => {
        expect(dayRecordKey("2026-12-01")).to.equal("force-mfa/enrollment-window/2026-12-01.json");
    });

    it("a day without a record: nothing announced yet", async () => {
        expect(await readDayRecord(s3, BUCKET, "2026-12-01")).to.deep.equal({ day: "2026-12-01", announced: [] });
    });

    it("what is written is read back, and tells what was announced to whom", async () => {
        const record = { day: "2026-12-01", announced: [{ user: "bob", action: "flag" as const }] };
        await writeDayRecord(s3, BUCKET, record);
        expect(account.s3.commandCalls(PutObjectCommand)[0].args[0].input).to.deep.include({ Bucket: BUCKET, Key: dayRecordKey("2026-12-01"), ContentType: "application/json" });
        const read = await readDayRecord(s3, BUCKET, "2026-12-01");
        expect(read).to.deep.equal(record);
        expect(wasAnnounced(read, "bob", "flag")).to.equal(true);
        expect(wasAnnounced(read, "bob", "suspend")).to.equal(false);
        expect(wasAnnounced(read, "carol", "flag")).to.equal(false);
    });

    it("a record without its list reads as nothing announced; another S3 error is not hidden", async () => {
        account.objects.set(`${BUCKET}/${dayRecordKey("2026-12-02")}`, JSON.stringify({ day: "2026-12-02" }));
        expect(await readDayRecord(s3, BUCKET, "2026-12-02")).to.deep.equal({ day: "2026-12-02", announced: [] });
        account.s3.on(GetObjectCommand).rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));
        let error: unknown;
        await readDayRecord(s3, BUCKET, "2026-12-03").catch((err) => (error = err));
        expect((error as Error).name).to.equal("AccessDenied");
    });
});
