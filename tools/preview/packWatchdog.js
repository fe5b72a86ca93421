/**
 * Runs a policy pack as the CLI does (run-policy-pack) and kills it when its parent goes away — even a parent killed
 * with SIGKILL, whose exit handlers never run: the parent holds this process's stdin open, and its end is the signal.
 * Prints `pid:<n>` (the pack's own pid, for memory readings) before the pack prints its port.
 * Plain JavaScript, so that it starts at once (no compiler loaded before the pack is spawned).
 * Usage: node packWatchdog.js <run-policy-pack/index.js> <packDir>
 */
"use strict";
const { spawn } = require("child_process");

const [runPolicyPack, packDir] = process.argv.slice(2);
const pack = spawn(process.execPath, [runPolicyPack, "127.0.0.1:0", packDir], { cwd: packDir, stdio: ["ignore", "inherit", "inherit"] });
process.stdout.write(`pid:${pack.pid}\n`);

const stop = () => {
    pack.kill("SIGKILL");
    process.exit(0);
};
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
pack.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
