/**
 * `npm test`'s pretest: builds force-mfa-guard once, when it is missing or stale, before mocha's workers start.
 * Two workers finding it stale at once would each rebuild bin/ under the other's running tests.
 */
import * as path from "path";
import { ensureBuiltPack } from "../tools/preview/builtPack";

ensureBuiltPack(path.resolve(__dirname, "../policy-pack"));
