#!/usr/bin/env node
// `cw-emulator`: dist/bin.js when built, else src/bin.ts through tsx (see launch.js).
import { launch } from "./launch.js";

await launch({
  built: new URL("../dist/bin.js", import.meta.url),
  source: new URL("../src/bin.ts", import.meta.url),
});
