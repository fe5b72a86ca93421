import { expect } from "chai";
import { cpuSeconds, median, peakRssMb } from "../../../tools/bench/packProcessStats";

describe("bench — packProcessStats: what the benchmark reads of a process", () => {
    it("median of an odd and an even count, whatever the order", () => {
        expect(median([3, 1, 2])).to.equal(2);
        expect(median([4, 1, 3, 2])).to.equal(2.5);
        expect(median([7])).to.equal(7);
    });

    it("a process's CPU seconds from /proc, as the kernel counts them for it (user + system)", function () {
        if (process.platform !== "linux") {
            this.skip();
        }
        const own = process.cpuUsage();
        const read = cpuSeconds(process.pid);
        // /proc counts in ticks of 10 ms; Node's own count is in microseconds
        expect(read).to.be.closeTo((own.user + own.system) / 1e6, 0.1);
        let x = 0;
        const until = Date.now() + 60;
        while (Date.now() < until) {
            x += Math.sqrt(x + 1);
        }
        expect(cpuSeconds(process.pid)).to.be.at.least(read);
    });

    it("peak resident memory in MB, at least what the process holds now", function () {
        if (process.platform !== "linux") {
            this.skip();
        }
        expect(peakRssMb(process.pid)).to.be.at.least(process.memoryUsage().rss / 1024 / 1024 - 1);
    });
});
