import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { CaptureJob } from "../../../tools/preview/capturedResource";
import { InvokeAnswers } from "../../../tools/preview/invokeAnswers";
import { noteInvokeCallSites, recordConfigMisses, recordLogs } from "../../../tools/preview/programHooks";
import { fakeSdk } from "./fakeSdk";

const job: CaptureJob = { programDir: "/p", projectDir: "/p", projectName: "team", stackName: "dev", stackConfig: {}, existingUsers: [], organization: "o", mode: "preview", resultFile: "" };

describe("preview — programHooks: what the program's SDK is made to record", () => {
    it("log messages with their resource's URN, severities as the engine names them, debug dropped", async () => {
        const sdk = fakeSdk();
        const logs = recordLogs(sdk);
        const log = require(path.join(sdk, "log"));
        await log.warn("path is new", { urn: { promise: () => Promise.resolve("urn:user") } });
        await log.info(42);
        await log.error("failed", { urn: { promise: () => Promise.reject(new Error("never registered")) } });
        await log.debug("Registering resource");
        expect(await logs()).to.deep.equal([
            { severity: "warning", message: "path is new", urn: "urn:user" },
            { severity: "info", message: "42" },
            { severity: "error", message: "failed" },
        ]);
    });

    it("config keys read and not set, each once, in the order first read", () => {
        const sdk = fakeSdk();
        const misses = recordConfigMisses(sdk);
        const config = require(path.join(sdk, "runtime", "config"));
        expect(config.getConfig("team:set")).to.equal("yes");
        config.getConfig("team:db");
        config.getConfig("aws:region");
        config.getConfig("team:db");
        expect(misses()).to.deep.equal(["team:db", "aws:region"]);
    });

    it("each invoke notes where the program called it, through the invoke module and pulumi.runtime alike, and still runs", () => {
        const sdk = fakeSdk();
        const programDir = path.dirname(__filename);
        const answers = new InvokeAnswers({ ...job, programDir, projectDir: programDir }, "us-east-1");
        noteInvokeCallSites(sdk, answers, [programDir]);
        const runtime = require(path.join(sdk, "runtime"));
        const invoke = require(path.join(sdk, "runtime", "invoke"));
        expect(invoke.invoke("aws:ec2/getVpc:getVpc", { id: "vpc-1" })).to.deep.equal({ token: "aws:ec2/getVpc:getVpc", args: { id: "vpc-1" } });
        runtime.call("eks:index:Cluster/getKubeconfig");
        invoke.invokeOutput("aws:ec2/getVpc:getVpc");
        const here = path.basename(__filename);
        expect(answers.siteOf("aws:ec2/getVpc:getVpc")).to.match(new RegExp(`^${here.replace(/\./g, "\\.")}:\\d+:\\d+$`));
        expect(answers.siteOf("eks:index:Cluster/getKubeconfig")).to.match(new RegExp(`^${here.replace(/\./g, "\\.")}:`));
        expect(fs.existsSync(path.join(programDir, here))).to.equal(true);
    });
});
