/**
 * The pipeline of one `/{codebase}/apis/3.0/...` request: request id, latency, faults
 * (reset / 429 / 500 before anything changes), authentication, routing, dispatch,
 * commit-then-timeout on writes, and the ledger `request` entry.
 */
import type { ApiScope } from "./api-scope.js";
import { authenticate, parseBasic } from "./auth.js";
import { dispatch } from "./dispatch.js";
import { gatewayTimeoutReply, rateLimitReply, timeoutReply } from "./fault-replies.js";
import type { CommitFault } from "./faults.js";
import { readQuery } from "./list-query.js";
import { readJsonBody } from "./request-body.js";
import type { AuthMember } from "./resource-def.js";
import { API_VERSION, errorReply, toResponse, type Reply } from "./responses.js";
import { routeApi } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { LedgerEntry } from "./types.js";

type Fault = NonNullable<Extract<LedgerEntry, { kind: "request" }>["fault"]>;

/** The outcome: a response, or a connection reset to simulate. */
export interface ApiOutcome {
  readonly response: Response;
  readonly reset: boolean;
}

/** Marks a response that stands for a connection reset (never sent to clients). */
export const RESET_HEADER = "x-cw-emulator-reset";

const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface Processed {
  reply: Reply;
  fault?: Fault;
  member?: AuthMember;
  reset?: boolean;
  withinRetryAfter?: boolean;
}

async function process(
  state: EmulatorState,
  request: Request,
  scopeBase: Omit<ApiScope, "member">,
  apiPath: string,
): Promise<Processed> {
  let member: AuthMember | undefined;
  try {
    member = authenticate(state, request.headers);
    const route = routeApi(request.method, apiPath);
    const body = WRITES.has(request.method) ? await readJsonBody(request) : undefined;
    const isWrite =
      WRITES.has(request.method) && !(route.kind === "special" && route.name === "ticketSearch");
    const commitFault: CommitFault | undefined = isWrite ? state.faults.commitFault() : undefined;
    const reply = dispatch({ ...scopeBase, member }, route, body);
    if (commitFault && reply.status < 300) {
      const faulted = commitFault === "gateway-504" ? gatewayTimeoutReply() : timeoutReply();
      return {
        reply: faulted,
        fault: "commit-then-timeout",
        member,
        reset: commitFault === "reset",
      };
    }
    return { reply, member };
  } catch (error) {
    return member ? { reply: errorReply(error), member } : { reply: errorReply(error) };
  }
}

function preFault(state: EmulatorState, request: Request): Processed | undefined {
  const credential = parseBasic(request.headers.get("authorization"))?.publicKey ?? "anonymous";
  const decision = state.faults.before(credential);
  if (decision.kind === "reset") return { reply: { status: 0 }, fault: "reset", reset: true };
  if (decision.kind === "server-timeout") return { reply: timeoutReply(), fault: "server-timeout" };
  if (decision.kind === "rate-limit") {
    const reply = rateLimitReply(decision.seconds, decision.format);
    return { reply, fault: "rate-limit", withinRetryAfter: decision.withinRetryAfter };
  }
  return undefined;
}

/**
 * Handles one API request.
 *
 * @example
 * const { response } = await handleApi(state, request, "/service/tickets");
 */
export async function handleApi(
  state: EmulatorState,
  request: Request,
  apiPath: string,
): Promise<ApiOutcome> {
  state.requestSeq += 1;
  const requestId = `cwemu-${String(state.requestSeq).padStart(8, "0")}`;
  const url = new URL(request.url);
  const publicUrl = new URL(`${url.pathname}${url.search}`, state.baseUrl);
  const query = readQuery(url.search);
  const profile = state.faults.profile();
  await sleep(profile.latencyMs ?? 0);
  const scopeBase = { state, requestId, url: publicUrl, query, headers: request.headers };
  const outcome = preFault(state, request) ?? (await process(state, request, scopeBase, apiPath));
  await sleep((profile.latencyPerRowMs ?? 0) * (outcome.reply.rows ?? 0));
  state.ledger.append({
    kind: "request",
    requestId,
    method: request.method,
    path: `/${apiPath.split("/").filter(Boolean).join("/").toLowerCase()}`,
    query,
    status: outcome.reset ? 0 : outcome.reply.status,
    ...(outcome.fault ? { fault: outcome.fault } : {}),
    ...(outcome.withinRetryAfter ? { withinRetryAfter: true } : {}),
    ...(outcome.member ? { memberIdentifier: outcome.member.identifier } : {}),
    ...(outcome.reply.rows === undefined ? {} : { rows: outcome.reply.rows }),
  });
  const headers = {
    "x-cw-request-id": requestId,
    "api-current-version": API_VERSION,
    "x-server-name": "cw-emulator",
  };
  const response = outcome.reset
    ? new Response(null, { status: 599, headers: { [RESET_HEADER]: "1" } })
    : toResponse(outcome.reply, headers);
  return { response, reset: outcome.reset === true };
}
