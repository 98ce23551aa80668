// Copies GOV.UK Frontend's JS, images and manifest into static/ and records
// the version. Run by `npm run build` after Sass has compiled static/main.css.
// No fonts are copied: this service uses Arial, not GDS Transport.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = join(root, "node_modules", "govuk-frontend");
const dist = join(pkgDir, "dist", "govuk");
const out = join(root, "static");

const { version } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));

cpSync(join(dist, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
rmSync(join(out, "images"), { recursive: true, force: true });
cpSync(join(dist, "assets", "images"), join(out, "images"), { recursive: true });
cpSync(join(dist, "assets", "manifest.json"), join(out, "manifest.json"));
writeFileSync(join(out, "VERSION"), `govuk-frontend ${version}\n`);

console.log(`Copied govuk-frontend ${version} assets to static/`);
