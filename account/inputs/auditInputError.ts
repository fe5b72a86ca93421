/**
 * Bad input to the account audit: which file, where in it, and the rule it breaks. The CLI prints it on one line and
 * exits 2; a caller holding the data in memory (a Lambda) names its source instead of a file.
 */
export class AuditInputError extends Error {
    constructor(
        /** The file (or in-memory source) the input came from. */
        readonly file: string,
        /** Where in it: a JSON path such as `UserDetailList[3].GroupList[0]`, or `line 7, column mfa_active`. */
        readonly place: string,
        /** The rule the input breaks. */
        readonly rule: string,
    ) {
        super(place ? `${file}: ${place}: ${rule}` : `${file}: ${rule}`);
        this.name = "AuditInputError";
    }
}
