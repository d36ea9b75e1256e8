/** The shapes every benchmark scenario shares. */

/** One measured number. `ratio` = measured / target (or as the scenario defines it). */
export interface BenchRow {
  readonly metric: string;
  readonly measured: string;
  readonly target?: string;
  /** What a perfect implementation would get (e.g. the bare-fetch time). */
  readonly ideal?: string;
  readonly ratio?: string;
  /** How it was measured: N, concurrency, data size... */
  readonly settings: string;
}

/** A benchmark scenario: `bench/scenarios/<name>.ts` exports `scenario`. */
export interface Scenario {
  /** Section key in results.md, e.g. `emulator-throughput` (also what `npm run bench -- <filter>` matches). */
  readonly name: string;
  /** Section heading. */
  readonly title: string;
  run(): Promise<BenchRow[]>;
}
