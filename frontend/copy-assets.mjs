// Copies GOV.UK Frontend's script into static/build at setup; nothing third-party is committed.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js";
mkdirSync("static/build", { recursive: true });
// The source map is not shipped, so drop the comment that points to it.
const script = readFileSync(source, "utf8").replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
writeFileSync("static/build/govuk-frontend.min.js", script);
