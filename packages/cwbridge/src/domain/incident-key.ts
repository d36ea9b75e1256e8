/**
 * Incident keys: one deterministic key per (source, alert), and the opaque, PII-free value stored
 * in the ticket's `externalXRef` so a ticket can be found again after a crash or a timeout.
 */
import { sha256Hex } from "./sha256.js";

/**
 * What identifies an incident: the source and its alert id, its alert parts (name, device,
 * customer: each encoded once, joined by `/`) or its fingerprint.
 */
export type IncidentKeyInput =
  | { readonly sourceId: string; readonly alertId: string }
  | { readonly sourceId: string; readonly alertParts: readonly string[] }
  | { readonly sourceId: string; readonly fingerprint: string };

/**
 * The deterministic local key of an incident (unambiguous: components are URI-encoded once).
 *
 * @example
 * incidentKey({ sourceId: "alertmanager", fingerprint: "c0ffee" }) // "src=alertmanager;fp=c0ffee"
 * incidentKey({ sourceId: "s", alertParts: ["Disk full", "ws-42", "acme"] }) // "src=s;alert=Disk%20full/ws-42/acme"
 */
export function incidentKey(input: IncidentKeyInput): string {
  const source = `src=${encodeURIComponent(input.sourceId)}`;
  if ("alertParts" in input)
    return `${source};alert=${input.alertParts.map(encodeURIComponent).join("/")}`;
  return "alertId" in input
    ? `${source};alert=${encodeURIComponent(input.alertId)}`
    : `${source};fp=${encodeURIComponent(input.fingerprint)}`;
}

/**
 * The incident key as a technician reads it: the alert's parts (or its fingerprint) decoded,
 * without the internal source id.
 *
 * @example
 * readableIncidentKey("src=s;alert=Disk%20full/ws-42/acme") // "Disk full / ws-42 / acme"
 * readableIncidentKey("src=s;fp=c0ffee") // "fingerprint c0ffee"
 */
export function readableIncidentKey(key: string): string {
  const decode = (part: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  const alert = /;alert=(.*)$/.exec(key)?.[1];
  if (alert !== undefined) return alert.split("/").map(decode).join(" / ");
  const fingerprint = /;fp=(.*)$/.exec(key)?.[1];
  return fingerprint === undefined ? key : `fingerprint ${decode(fingerprint)}`;
}

/** Prefix of every `externalXRef` cwbridge writes. */
export const XREF_PREFIX = "cwb:";

/**
 * The ticket `externalXRef` of an incident key: `cwb:` + 32 hex chars of SHA-256 (36 chars,
 * ≤ 100, no PII, stable across restarts).
 *
 * @example
 * externalXRef("src=alertmanager;fp=c0ffee") // "cwb:5d0f…" (36 chars)
 */
export function externalXRef(key: string): string {
  return `${XREF_PREFIX}${sha256Hex(key).slice(0, 32)}`;
}

/**
 * Whether an `externalXRef` value has the shape cwbridge writes.
 *
 * @example
 * isCwbridgeXRef(ticket.externalXRef ?? "")
 */
export function isCwbridgeXRef(value: string): boolean {
  return /^cwb:[0-9a-f]{32}$/.test(value);
}
