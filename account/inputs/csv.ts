/** RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas, quotes ("") and line breaks. */

export interface CsvRecord {
    /** 1-based line on which the record starts. */
    readonly line: number;
    readonly fields: readonly string[];
}

export function parseCsv(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let fields: string[] = [];
    let field = "";
    let quoted = false;
    let line = 1;
    let recordLine = 1;
    let atFieldStart = true;
    const endRecord = () => {
        fields.push(field);
        if (!(fields.length === 1 && fields[0] === "")) {
            records.push({ line: recordLine, fields });
        }
        fields = [];
        field = "";
        atFieldStart = true;
    };
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"';
                i++;
            } else if (c === '"') {
                quoted = false;
            } else {
                if (c === "\n") {
                    line++;
                }
                field += c;
            }
            continue;
        }
        if (c === '"' && atFieldStart) {
            quoted = true;
            atFieldStart = false;
        } else if (c === ",") {
            fields.push(field);
            field = "";
            atFieldStart = true;
        } else if (c === "\n" || c === "\r") {
            if (c === "\r" && text[i + 1] === "\n") {
                i++;
            }
            endRecord();
            line++;
            recordLine = line;
        } else {
            field += c;
            atFieldStart = false;
        }
    }
    if (quoted) {
        throw new Error(`line ${recordLine}: a quoted field is not closed`);
    }
    endRecord();
    return records;
}
