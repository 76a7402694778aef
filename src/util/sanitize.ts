// Incident text comes from monitored systems and can be written by an attacker (an email subject,
// a file name, a command line). Everything shown to the model passes through here.

// ANSI/VT escape sequences (CSI, OSC, and two-character escapes).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// C0/C1 controls except tab and newline, plus invisible and bidirectional formatting characters
// that can hide or reorder text (zero-width, BiDi overrides and isolates, BOM, soft hyphen).
const CONTROL_AND_INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** Strips escapes and control characters; keeps newlines and tabs. */
export function stripControl(text: string): string {
  return text.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(CONTROL_AND_INVISIBLE, '');
}

/** Cuts to `max` characters (code points), marking the cut. */
export function cap(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** A single-line field (title, name, entity): no controls, whitespace collapsed, capped. */
export function oneLine(text: string | null | undefined, max: number): string {
  if (!text) return '';
  return cap(stripControl(text).replace(/\s+/g, ' ').trim(), max);
}

/** A multi-line field (description): no controls, blank runs squeezed, capped. */
export function multiLine(text: string | null | undefined, max: number): string {
  if (!text) return '';
  const cleaned = stripControl(text)
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cap(cleaned, max);
}
