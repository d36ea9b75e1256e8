/**
 * `fields=id,name,status/id` partial responses (case-insensitive, nested with `/`).
 */
import { findKey } from "./field-path.js";

/** A selection tree: `true` keeps the whole value, an object selects below it. */
export type Selection = { [key: string]: Selection | true };

/**
 * Parses a `fields` value into a selection tree.
 *
 * @example
 * parseFields("id,status/id"); // => { id: true, status: { id: true } }
 */
export function parseFields(text: string): Selection {
  const root: Selection = {};
  for (const raw of text.split(",")) {
    const segments = raw
      .trim()
      .split("/")
      .filter((s) => s !== "");
    let node: Selection = root;
    segments.forEach((segment, index) => {
      const key = segment.toLowerCase();
      if (index === segments.length - 1) {
        node[key] = true;
        return;
      }
      const existing = node[key];
      if (existing === true) return;
      const child: Selection = existing ?? {};
      node[key] = child;
      node = child;
    });
  }
  return root;
}

/** Applies a selection to one object (the object is not modified). */
export function selectFields(
  value: Record<string, unknown>,
  selection: Selection,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(selection)) {
    const key = findKey(value, name);
    if (key === undefined) continue;
    const field = value[key];
    if (sub === true) out[key] = field;
    else if (Array.isArray(field)) {
      out[key] = field.map((item: unknown) =>
        item !== null && typeof item === "object"
          ? selectFields(item as Record<string, unknown>, sub)
          : item,
      );
    } else if (field !== null && typeof field === "object") {
      out[key] = selectFields(field as Record<string, unknown>, sub);
    }
  }
  return out;
}
