// Preloaded (node -r) into a benchmarked CLI: writes the process's peak resident memory (KB) and CPU time (µs, user
// and system) to BENCH_MAX_RSS_FILE at exit — what the process used itself, however busy the machine.
"use strict";
process.on("exit", () => {
    if (process.env.BENCH_MAX_RSS_FILE) {
        const usage = process.resourceUsage();
        require("fs").writeFileSync(process.env.BENCH_MAX_RSS_FILE, JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
    }
});
