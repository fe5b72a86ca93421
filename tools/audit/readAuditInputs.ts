/** The CLI's side of the inputs: reads the files and hands their text to the parsers (which know no file system). */
import * as fs from "fs";
import * as path from "path";
import { AuditInputError, parseJson } from "../../account";
import { parseAuthorizationDetails } from "../../account";
import { parseCredentialReport } from "../../account";
import { Exemptions, parseExemptionsFile, parseStackExemptions } from "../../account";
import { parseRootCredentials, parseVirtualMfaDevices } from "../../account";
import { AuditInputs } from "../../account";

export interface InputFiles {
    readonly authorizationDetails: string;
    readonly credentialReport?: string;
    readonly virtualMfaDevices?: string;
    readonly rootCredentials?: string;
    readonly exemptions?: string;
    /** A force-mfa stack whose `Pulumi.<stack>.yaml` holds the exemptions. */
    readonly stack?: string;
    /** Where `Pulumi.<stack>.yaml` is (default: `cwd`). */
    readonly stackDir?: string;
    /** Relative paths are taken from here. */
    readonly cwd: string;
}

/** A file's text, named as given; a missing or unreadable file is an AuditInputError. */
export function readInputFile(file: string, cwd: string): { text: string; name: string } {
    const full = path.resolve(cwd, file);
    try {
        return { text: fs.readFileSync(full, "utf8"), name: file };
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new AuditInputError(file, "", code === "ENOENT" ? "no such file" : `cannot be read (${code ?? String(err)})`);
    }
}

export function readAuditInputs(files: InputFiles): AuditInputs {
    const details = readInputFile(files.authorizationDetails, files.cwd);
    const report = files.credentialReport ? readInputFile(files.credentialReport, files.cwd) : undefined;
    const devices = files.virtualMfaDevices ? readInputFile(files.virtualMfaDevices, files.cwd) : undefined;
    const root = files.rootCredentials ? readInputFile(files.rootCredentials, files.cwd) : undefined;
    let exemptions: Exemptions | undefined;
    if (files.exemptions) {
        const file = readInputFile(files.exemptions, files.cwd);
        exemptions = parseExemptionsFile(file.text, file.name);
    } else if (files.stack) {
        const file = readInputFile(path.join(files.stackDir ?? ".", `Pulumi.${files.stack}.yaml`), files.cwd);
        exemptions = parseStackExemptions(file.text, file.name);
    }
    return {
        authorizationDetails: parseAuthorizationDetails(parseJson(details.text, details.name), details.name),
        credentialReport: report ? parseCredentialReport(report.text, report.name) : undefined,
        virtualMfaDevices: devices ? parseVirtualMfaDevices(parseJson(devices.text, devices.name), devices.name) : undefined,
        rootCredentials: root ? parseRootCredentials(parseJson(root.text, root.name), root.name) : undefined,
        exemptions,
        sources: { authorizationDetails: details.name, credentialReport: report?.name },
    };
}
