/**
 * Testing a connection (saved, or credentials before saving): three steps, each timed —
 * `companyinfo` (codebase discovery: the site and company exist), `systemInfo`
 * (`/system/info`: keys, clientId, SSL, host) and `whoAmI` (`/system/myMembers`: which member
 * the keys belong to, compared with the memberId when set). A failure stops the run and is
 * classified with its cause and fix. Requests are made without retries (one attempt each) and
 * logged in the events log. A saved connection's discovered codebase is persisted.
 */
import type { ConnectWise } from "@cwbridge/connectwise";
import { connectionSecrets, createRedactor } from "../../secrets/index.js";
import { isAppClientProvider } from "../../connectwise/client-provider.js";
import type { ConnectionClientSpec } from "../../connectwise/build-client.js";
import type { AppContext } from "../../core/context.js";
import { EngineError } from "../../core/errors.js";
import { diagnoseFailure, type TestFailure } from "./diagnose-failure.js";
import { testConnectionSchema, zodIssues, type TestConnectionInput } from "./input-schema.js";
import { requireConnectionRow } from "./read-connections.js";
import { siteIssues, validateInput } from "./validate.js";

/** The steps, in order. */
export type TestStepName = "companyinfo" | "systemInfo" | "whoAmI";

/** One step's result. */
export interface TestStep {
  readonly name: TestStepName;
  readonly ok: boolean;
  /** Not run because an earlier step failed. */
  readonly skipped?: true;
  readonly ms: number;
  /** What was learnt (codebase, server version, member). */
  readonly detail?: string;
  readonly failure?: TestFailure;
}

/** The whole test. */
export interface ConnectionTestResult {
  readonly ok: boolean;
  readonly steps: readonly TestStep[];
  readonly codebase?: string;
  readonly serverVersion?: string;
  readonly member?: {
    readonly id: number;
    readonly identifier?: string;
    readonly licenseClass?: string;
  };
}

/** Options of {@link testConnection}. */
export interface TestConnectionOptions {
  /** Per-request timeout (ms); default 15 000. */
  readonly timeoutMs?: number;
}

const STEPS: readonly TestStepName[] = ["companyinfo", "systemInfo", "whoAmI"];

/**
 * Tests a saved connection (id or name) or unsaved credentials.
 *
 * @example
 * const result = await testConnection(ctx, "acme");
 * if (!result.ok) for (const s of result.steps) if (s.failure) console.log(s.name, s.failure.cause, s.failure.fix);
 */
export async function testConnection(
  ctx: AppContext,
  target: string | TestConnectionInput,
  options: TestConnectionOptions = {},
): Promise<ConnectionTestResult> {
  const { spec, memberId } = await resolveTarget(ctx, target);
  const provider = ctx.clients;
  if (!isAppClientProvider(provider)) {
    throw new EngineError(
      "CWB_ERR_ENGINE_STATE",
      "testConnection needs the engine's client provider",
    );
  }
  const redact = createRedactor([...connectionSecrets(spec), spec.clientId]);
  const context = { site: redact(spec.site), companyId: spec.companyId, redact };
  let cw: ConnectWise;
  try {
    cw = provider.forSpec(spec, {
      tuning: { retry: false, timeoutMs: options.timeoutMs ?? 15_000 },
    });
  } catch (error) {
    return failedAt(0, 0, diagnoseFailure(error, context), []);
  }
  return runSteps(cw, memberId, context);
}

async function resolveTarget(
  ctx: AppContext,
  target: string | TestConnectionInput,
): Promise<{ spec: ConnectionClientSpec; memberId: string | undefined }> {
  if (typeof target === "string") {
    const row = await requireConnectionRow(ctx, target);
    const provider = ctx.clients;
    if (!isAppClientProvider(provider)) {
      throw new EngineError(
        "CWB_ERR_ENGINE_STATE",
        "testConnection needs the engine's client provider",
      );
    }
    const spec = await provider.specOf(row.id);
    return { spec: { ...spec, codebase: null }, memberId: row.member_id ?? undefined };
  }
  const input = validateInput(testConnectionSchema, target, { site: siteIssues }, zodIssues);
  const spec: ConnectionClientSpec = {
    connectionId: null,
    site: input.site,
    companyId: input.companyId,
    publicKey: input.publicKey,
    privateKey: input.privateKey,
    clientId: input.clientId,
    ...(input.apiVersion === undefined ? {} : { apiVersion: input.apiVersion }),
    allowOnPrem: input.allowOnPrem === true,
    allowInsecure: input.allowInsecure === true,
  };
  return { spec, memberId: input.memberId };
}

type Context = Parameters<typeof diagnoseFailure>[1];

async function runSteps(
  cw: ConnectWise,
  memberId: string | undefined,
  context: Context,
): Promise<ConnectionTestResult> {
  const steps: TestStep[] = [];
  let result: Omit<ConnectionTestResult, "ok" | "steps"> = {};
  for (const [index, name] of STEPS.entries()) {
    const started = performance.now();
    try {
      const learnt = await runStep(name, cw, memberId);
      result = { ...result, ...learnt.result };
      steps.push({ name, ok: true, ms: elapsed(started), detail: learnt.detail });
    } catch (error) {
      const failure = isFailure(error) ? error.failure : diagnoseFailure(error, context);
      return { ...result, ...failedAt(index, elapsed(started), failure, steps) };
    }
  }
  return { ...result, ok: true, steps };
}

async function runStep(
  name: TestStepName,
  cw: ConnectWise,
  memberId: string | undefined,
): Promise<{ detail: string; result: Omit<ConnectionTestResult, "ok" | "steps"> }> {
  if (name === "companyinfo") {
    const codebase = await cw.codebase();
    return { detail: `codebase ${codebase}`, result: { codebase } };
  }
  if (name === "systemInfo") {
    const info = await cw.system.info();
    const version = typeof info.version === "string" ? info.version : "unknown";
    return { detail: `ConnectWise ${version}`, result: { serverVersion: version } };
  }
  const me = await cw.system.myMember();
  const identifier = typeof me.identifier === "string" ? me.identifier : undefined;
  if (
    memberId !== undefined &&
    identifier !== undefined &&
    identifier.toLowerCase() !== memberId.toLowerCase()
  ) {
    throw new StepFailure({
      code: "member_mismatch",
      cause: `The keys belong to member '${identifier}', not '${memberId}'.`,
      fix: "Use the keys of the intended API member, or correct the member ID.",
    });
  }
  const member = {
    id: me.id,
    ...(identifier === undefined ? {} : { identifier }),
    ...(typeof me.licenseClass === "string" ? { licenseClass: me.licenseClass } : {}),
  };
  return { detail: `member ${identifier ?? me.id}`, result: { member } };
}

class StepFailure extends Error {
  readonly failure: TestFailure;
  constructor(failure: TestFailure) {
    super(failure.cause);
    this.failure = failure;
  }
}

function isFailure(error: unknown): error is StepFailure {
  return error instanceof StepFailure;
}

function failedAt(
  index: number,
  ms: number,
  failure: TestFailure,
  done: readonly TestStep[],
): Pick<ConnectionTestResult, "ok" | "steps"> {
  const [failed, ...rest] = STEPS.slice(index);
  const steps: TestStep[] = [
    ...done,
    ...(failed === undefined ? [] : [{ name: failed, ok: false, ms, failure }]),
    ...rest.map((name): TestStep => ({ name, ok: false, skipped: true, ms: 0 })),
  ];
  return { ok: false, steps };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
