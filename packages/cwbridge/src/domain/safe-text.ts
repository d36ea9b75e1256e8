/**
 * The one rule for text that enters cwbridge (files, flags, stdin, API bodies): no C0 control
 * character other than tab, line feed and carriage return, no DEL, no lone UTF-16 surrogate.
 * Such text is refused, never stored: SQLite and PostgreSQL would otherwise disagree (PostgreSQL
 * refuses NUL and replaces broken surrogates, SQLite keeps both), and ConnectWise could hold a
 * name that no lookup finds again. Invalid UTF-8 bytes are refused earlier, by the decoders
 * (`utf8.ts`).
 */
import { z } from "zod";

/** The message of a refused value (never echoes it: it may be a secret). */
export const HOSTILE_TEXT_MESSAGE = "must not contain control characters or invalid Unicode";

/**
 * Whether `value` holds a C0 control other than tab / line feed / carriage return, DEL, or a
 * lone UTF-16 surrogate (hostile or broken input; never stored).
 *
 * @example
 * hasHostileChars("ok\u0000") // true
 */
export function hasHostileChars(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/**
 * A zod string that refuses {@link hasHostileChars} text; chain `.trim()`, `.min()`, `.max()` as
 * on `z.string()`. Every input schema uses it for every string field.
 *
 * @example
 * safeString().trim().min(1).max(200).safeParse("a\u0000").success // false
 */
export function safeString(): z.ZodString {
  return z.string().refine((value) => !hasHostileChars(value), { message: HOSTILE_TEXT_MESSAGE });
}
