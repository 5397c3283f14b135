// Bundles the viewer into dist/ (index.html, app.js, app.css): run by the LandCarbon.Web build when Node.js is present.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
await build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outfile: "dist/app.js",
  legalComments: "eof",
  logLevel: "warning",
});
copyFileSync("src/index.html", "dist/index.html");
