/**
 * `aws iam list-virtual-mfa-devices`: the account's virtual MFA devices and whom each is assigned to. Used to tell
 * the root user's virtual device from a hardware one: the credential report only says that root has MFA.
 */
import { JsonReader } from "./jsonReader";

export interface VirtualMfaDevice {
    readonly serialNumber: string;
    /** The ARN of the user (or `arn:aws:iam::<account>:root`) it is assigned to; undefined when unassigned. */
    readonly userArn?: string;
    readonly enableDate?: string;
}

export function parseVirtualMfaDevices(input: unknown, file: string): VirtualMfaDevice[] {
    const read = new JsonReader(file);
    const pages = Array.isArray(input) ? input : [input];
    return pages.flatMap((page, p) => {
        const at = Array.isArray(input) ? `[${p}]` : "";
        const object = read.object(page, at || "the top level");
        if (!Array.isArray(object.VirtualMFADevices)) {
            read.fail(`${at}VirtualMFADevices`, "must be a list: not the output of aws iam list-virtual-mfa-devices");
        }
        if (object.IsTruncated === true) {
            read.fail(`${at}IsTruncated`, "is true: this is one page of a longer answer; let the AWS CLI paginate");
        }
        return (object.VirtualMFADevices as unknown[]).map((item, i): VirtualMfaDevice => {
            const place = `${at}VirtualMFADevices[${i}]`;
            const device = read.object(item, place);
            const user = device.User === undefined || device.User === null ? undefined : read.object(device.User, `${place}.User`);
            return {
                serialNumber: read.string(device.SerialNumber, `${place}.SerialNumber`),
                userArn: user ? read.string(user.Arn, `${place}.User.Arn`) : undefined,
                enableDate: read.optionalDate(device.EnableDate, `${place}.EnableDate`),
            };
        });
    });
}

/** Whether a device is the root user's: assigned to root, or carrying the serial AWS gives root's virtual device. */
export function isRootDevice(device: VirtualMfaDevice, account: string | undefined): boolean {
    if (device.userArn !== undefined && /^arn:[\w-]+:iam::\d{12}:root$/.test(device.userArn)) {
        return account === undefined || device.userArn.split(":")[4] === account;
    }
    const serial = /^arn:[\w-]+:iam::(\d{12}):mfa\/root-account-mfa-device$/.exec(device.serialNumber);
    return serial !== null && (account === undefined || serial[1] === account);
}
