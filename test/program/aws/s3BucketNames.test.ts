/** S3's naming rules for general purpose buckets: each broken rule named, a valid name passes. */
import { expect } from "chai";
import { bucketNameProblem } from "../../../program/aws/s3BucketNames";

describe("bucketNameProblem", () => {
    it("a valid name breaks no rule", () => {
        for (const name of ["abc", "force-mfa-tfstate-123456789012-eu-central-1", "a.b-c", "a".repeat(63)]) {
            expect(bucketNameProblem(name), name).to.equal(undefined);
        }
    });

    const broken: [string, string][] = [
        ["ab", "must be 3 to 63 characters long"],
        ["a".repeat(64), "must be 3 to 63 characters long"],
        ["My_Bucket", "may contain only lower-case letters, digits, dots and hyphens"],
        ["-bucket", "must begin and end with a letter or digit"],
        ["bucket.", "must begin and end with a letter or digit"],
        ["a..b", "must not contain two adjacent dots"],
        ["10.0.0.1", "must not be formatted as an IP address"],
        ["xn--bucket", "must not use a prefix or suffix that S3 reserves (xn--, sthree-, -s3alias, --ol-s3, ...)"],
        ["bucket-s3alias", "must not use a prefix or suffix that S3 reserves (xn--, sthree-, -s3alias, --ol-s3, ...)"],
        ["bucket--table-s3", "must not use a prefix or suffix that S3 reserves (xn--, sthree-, -s3alias, --ol-s3, ...)"],
    ];
    for (const [name, rule] of broken) {
        it(`${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}… (${name.length})` : name)}: ${rule}`, () => {
            expect(bucketNameProblem(name)).to.equal(rule);
        });
    }
});
