#!/usr/bin/env node
// `cwbridge-worker`: dist/worker/main.js when built, else src/worker/main.ts through tsx.
import { launch } from "./launch.js";

await launch({
  built: new URL("../dist/worker/main.js", import.meta.url),
  source: new URL("../src/worker/main.ts", import.meta.url),
});
