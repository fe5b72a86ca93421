/** S3's naming rules for general purpose buckets, shared by every capability that names a bucket in config. */

/** The rule `name` breaks, if any. */
export function bucketNameProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) {
        return "must be 3 to 63 characters long";
    }
    if (!/^[a-z0-9.-]+$/.test(name)) {
        return "may contain only lower-case letters, digits, dots and hyphens";
    }
    if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) {
        return "must begin and end with a letter or digit";
    }
    if (name.includes("..")) {
        return "must not contain two adjacent dots";
    }
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
        return "must not be formatted as an IP address";
    }
    if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) {
        return "must not use a prefix or suffix that S3 reserves (xn--, sthree-, -s3alias, --ol-s3, ...)";
    }
    return undefined;
}
