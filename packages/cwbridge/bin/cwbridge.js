#!/usr/bin/env node
// `cwbridge`: dist/cli/bin.js when built, else src/cli/bin.ts through tsx (see launch.js).
import { launch } from "./launch.js";

await launch({
  built: new URL("../dist/cli/bin.js", import.meta.url),
  source: new URL("../src/cli/bin.ts", import.meta.url),
});
