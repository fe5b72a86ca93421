import { expect } from "chai";
import { rotated } from "../../../tools/bench/timedSequence";

describe("bench — timedSequence: the turns the two packs take", () => {
    it("the guard first in even rounds, the no-op first in odd ones; answers always in (guard, no-op) order", async () => {
        const order: string[] = [];
        const guard = async () => (order.push("guard"), "g");
        const noop = async () => (order.push("noop"), "n");
        expect(await rotated(0, guard, noop)).to.deep.equal(["g", "n"]);
        expect(await rotated(1, guard, noop)).to.deep.equal(["g", "n"]);
        expect(await rotated(2, guard, noop)).to.deep.equal(["g", "n"]);
        expect(order).to.deep.equal(["guard", "noop", "noop", "guard", "guard", "noop"]);
    });

    it("one after the other, never side by side: the second starts when the first has finished", async () => {
        const events: string[] = [];
        const slow = (name: string) => async () => {
            events.push(`${name} start`);
            await new Promise((resolve) => setTimeout(resolve, 5));
            events.push(`${name} end`);
            return name;
        };
        await rotated(1, slow("guard"), slow("noop"));
        expect(events).to.deep.equal(["noop start", "noop end", "guard start", "guard end"]);
    });
});
