/**
 * Callback delivery: on every create/update/delete of a record of a subscribed type, POST
 * `{Action, Type, ID, MemberId, CompanyId, FromUrl, Entity, Metadata:{key_url}}` to the
 * callback url with `x-content-signature` = base64(HMAC-SHA256(SHA-256(signing_key), body)).
 *
 * URL: when it ends with `recordId=` the id is appended (ConnectWise's recommendation);
 * otherwise `recordId=<id>` is added as a query parameter. The signing key is served at
 * `GET /callback-keys/{keyId}` on the emulator origin (the 2025.16 API has no such path).
 * Deliveries are asynchronous, never retried, and recorded in the ledger (`kind: "callback"`).
 */
import { createHash, createHmac } from "node:crypto";
import { refId } from "./hooks/hook-utils.js";
import type { Ledger } from "./ledger.js";
import type { Store } from "./store.js";
import type { Entity } from "./types.js";

export type CallbackAction = "added" | "updated" | "deleted";

export interface CallbackDispatcher {
  /** Queues deliveries for a change of a record of `type`. */
  notify(event: CallbackEvent): void;
  /** Resolves when every queued delivery has finished. */
  idle(): Promise<void>;
  readonly keyId: string;
  readonly signingKey: string;
}

export interface CallbackEvent {
  readonly type: string;
  readonly action: CallbackAction;
  /** The record as the API presents it. */
  readonly entity: Record<string, unknown> & { id: number };
  readonly memberId: number;
}

export interface CallbackDeps {
  readonly store: Store;
  readonly ledger: Ledger;
  readonly fetch: () => typeof fetch;
  readonly origin: () => string;
  readonly companyId: string;
  readonly keyId: string;
  readonly signingKey: string;
}

/**
 * The `x-content-signature` of a body.
 *
 * @example
 * signCallbackBody("key", '{"ID":1}'); // base64 HMAC-SHA256 with key SHA-256("key")
 */
export function signCallbackBody(signingKey: string, body: string): string {
  const key = createHash("sha256").update(signingKey, "utf8").digest();
  return createHmac("sha256", key).update(body, "utf8").digest("base64");
}

/** The delivery URL for a record id. */
export function callbackUrl(url: string, recordId: number): string {
  if (/recordId=$/i.test(url)) return `${url}${recordId}`;
  return `${url}${url.includes("?") ? "&" : "?"}recordId=${recordId}`;
}

function subscribed(callback: Entity, event: CallbackEvent): boolean {
  if (callback["inactiveFlag"] === true) return false;
  if (String(callback["type"]).toLowerCase() !== event.type) return false;
  const level = String(callback["level"]).toLowerCase();
  const objectId = callback["objectId"];
  if (level === "owner") return true;
  const scoped = event.entity[level];
  return refId(scoped) === objectId || scoped === objectId;
}

function payload(deps: CallbackDeps, event: CallbackEvent): string {
  return JSON.stringify({
    Action: event.action,
    Type: event.type,
    ID: event.entity.id,
    MemberId: event.memberId,
    CompanyId: deps.companyId,
    FromUrl: new URL(deps.origin()).host,
    Entity: JSON.stringify(event.entity),
    Metadata: { key_url: `${deps.origin()}/callback-keys/${deps.keyId}` },
  });
}

/** A dispatcher delivering through `deps.fetch()`. */
export function createCallbackDispatcher(deps: CallbackDeps): CallbackDispatcher {
  const pending = new Set<Promise<void>>();
  const deliver = async (callback: Entity, event: CallbackEvent): Promise<void> => {
    const url = callbackUrl(String(callback["url"]), event.entity.id);
    const body = payload(deps, event);
    let status: number | undefined;
    try {
      const response = await deps.fetch()(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-content-signature": signCallbackBody(deps.signingKey, body),
        },
        body,
      });
      status = response.status;
      await response.body?.cancel();
    } catch {
      status = undefined;
    }
    deps.ledger.append({
      kind: "callback",
      callbackId: callback.id,
      url,
      action: event.action,
      type: event.type,
      recordId: event.entity.id,
      ...(status === undefined ? {} : { status }),
    });
  };
  return {
    keyId: deps.keyId,
    signingKey: deps.signingKey,
    notify(event) {
      for (const callback of deps.store.table("callbacks").rows) {
        if (!subscribed(callback, event)) continue;
        const job = Promise.resolve()
          .then(() => deliver(callback, event))
          .finally(() => pending.delete(job));
        pending.add(job);
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
