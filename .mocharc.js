/**
 * mocha's settings for `npm test`. Two workers share the 2 cores; each takes the next file when it is free, so the
 * files whose runs are long and mostly one after another (the preview's, each a program capture and a pack) go first,
 * and the many short ones fill the end, instead of one long file running alone on a core after the rest are done.
 */
"use strict";
const fs = require("fs");
const path = require("path");

/** The long ones, longest first; a file here that no longer exists is left out, a new long one runs in its turn. */
const LONG = [
    "test/tools/preview/cli.test.ts",
    "test/tools/preview/realWorldPrograms.test.ts",
    "test/tools/preview/machineReadable.test.ts",
    "test/policy-pack/publishInstall.test.ts",
    "test/policy-pack/programThroughPack.integration.test.ts",
    "test/policy-pack/evaluatorOracle.test.ts",
    "test/program/enrollmentWindow/enrollmentWindowThroughPack.integration.test.ts",
    "test/program/organization/organizationExample.test.ts",
];

/** Every file under test/ whose name ends in .test.ts (hidden folders left out, as the glob does), relative to this folder. */
function testFiles(dir) {
    return fs
        .readdirSync(path.join(__dirname, dir), { withFileTypes: true })
        .filter((entry) => !entry.name.startsWith("."))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .flatMap((entry) => {
            const file = path.posix.join(dir, entry.name);
            return entry.isDirectory() ? testFiles(file) : entry.name.endsWith(".test.ts") ? [file] : [];
        });
}

const all = testFiles("test");
const spec = [...LONG.filter((f) => all.includes(f)), ...all.filter((f) => !LONG.includes(f))];

module.exports = {
    require: ["test/transpileCache.js", "ts-node/register/transpile-only"],
    spec,
    extension: ["ts"],
    timeout: 120000,
    exit: true,
    parallel: true,
    jobs: 2,
};
