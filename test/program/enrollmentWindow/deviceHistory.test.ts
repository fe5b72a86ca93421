/**
 * The device history the daily runs keep: a device seen, then gone, starts the user's window again; the file as read
 * is checked before it is trusted.
 */
import { expect } from "chai";
import { UserMfaFacts } from "../../../program/enrollmentWindow/decisionTable";
import { deviceRemovedAt, EMPTY_DEVICE_HISTORY, nextDeviceHistory, parseDeviceHistory } from "../../../program/enrollmentWindow/deviceHistory";

const CREATED = new Date("2025-01-10T09:00:00Z");
const DAY1 = new Date("2026-12-01T06:00:00Z");
const DAY2 = new Date("2026-12-02T06:00:00Z");
const DAY3 = new Date("2026-12-03T06:00:00Z");

const bob = (mfaActive: boolean | undefined, createdAt = CREATED): UserMfaFacts => ({ name: "Bob", createdAt, mfaActive, suspended: false });

describe("enrollment window — the device history", () => {
    it("a run that sees a device notes the day; the first run that then sees none notes when, and later runs keep that moment", () => {
        const seen = nextDeviceHistory(EMPTY_DEVICE_HISTORY, [bob(true)], DAY1);
        expect(seen).to.deep.equal({ users: { bob: { createdAt: CREATED.toISOString(), deviceSeenOn: "2026-12-01" } } });
        expect(deviceRemovedAt(seen, bob(true))).to.equal(undefined);
        const gone = nextDeviceHistory(seen, [bob(false)], DAY2);
        expect(deviceRemovedAt(gone, bob(false))).to.deep.equal(DAY2);
        expect(nextDeviceHistory(gone, [bob(false)], DAY3), "the window does not restart every day").to.deep.equal(gone);
        expect(nextDeviceHistory(gone, [bob(undefined)], DAY3), "an unknown status changes nothing").to.deep.equal(gone);
    });

    it("a new device clears the removal: the next removal starts a new window", () => {
        const gone = nextDeviceHistory(nextDeviceHistory(EMPTY_DEVICE_HISTORY, [bob(true)], DAY1), [bob(false)], DAY2);
        const back = nextDeviceHistory(gone, [bob(true)], DAY3);
        expect(deviceRemovedAt(back, bob(true))).to.equal(undefined);
        const later = new Date("2026-12-20T06:00:00Z");
        expect(deviceRemovedAt(nextDeviceHistory(back, [bob(false)], later), bob(false))).to.deep.equal(later);
    });

    it("a user never seen with a device is not noted (its window counts from creation); a user gone from the account is dropped", () => {
        expect(nextDeviceHistory(EMPTY_DEVICE_HISTORY, [bob(false)], DAY1)).to.deep.equal(EMPTY_DEVICE_HISTORY);
        const seen = nextDeviceHistory(EMPTY_DEVICE_HISTORY, [bob(true)], DAY1);
        expect(nextDeviceHistory(seen, [], DAY2)).to.deep.equal(EMPTY_DEVICE_HISTORY);
    });

    it("a user deleted and created again under the same name inherits nothing", () => {
        const seen = nextDeviceHistory(EMPTY_DEVICE_HISTORY, [bob(true)], DAY1);
        const reborn = bob(false, new Date("2026-12-01T12:00:00Z"));
        const next = nextDeviceHistory(seen, [reborn], DAY2);
        expect(deviceRemovedAt(next, reborn)).to.equal(undefined);
        expect(next).to.deep.equal(EMPTY_DEVICE_HISTORY);
    });

    it("the file is checked before it is trusted", () => {
        const where = "s3://bucket/force-mfa/enrollment-window/mfa-device-history.json";
        expect(parseDeviceHistory({ users: { bob: { deviceSeenOn: "2026-12-01" } } }, where)).to.deep.equal({ users: { bob: { deviceSeenOn: "2026-12-01" } } });
        expect(() => parseDeviceHistory([], where)).to.throw(`${where}: must be an object {users:`);
        expect(() => parseDeviceHistory({ users: { bob: { withoutDeviceSince: "yesterday" } } }, where)).to.throw(/users\.bob must hold only createdAt, deviceSeenOn and withoutDeviceSince, each a date/);
        expect(() => parseDeviceHistory({ users: { bob: { suspendAfter: "2026-12-01" } } }, where)).to.throw(/fix or delete the file/);
    });
});
