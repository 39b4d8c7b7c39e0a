type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every mrkdwn string of blocks (section text & fields, context, ...); plain_text is not parsed by Slack. */
function mrkdwnTexts(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) {
    for (const x of v) mrkdwnTexts(x, out);
    return out;
  }
  if (!isObj(v)) return out;
  if (v.type === "mrkdwn" && typeof v.text === "string") out.push(v.text);
  if (v.type === "markdown" && typeof v.text === "string") out.push(v.text);
  for (const child of Object.values(v)) if (typeof child === "object") mrkdwnTexts(child, out);
  return out;
}

/**
 * Broadcast mentions Slack would turn into notifications in a message: `<!channel>`, `<!here>`,
 * `<!everyone>`, `<!subteam^…>` in the fallback text or any mrkdwn of its blocks; with
 * `link_names` set, bare `@channel` / `@here` / `@everyone` in the text too. Returns them as
 * "@channel", "@here", "@everyone", "@subteam^S123".
 */
export function findPings(m: { text: string; blocks?: unknown; args?: Obj }): string[] {
  const found = new Set<string>();
  const texts = [m.text, ...mrkdwnTexts(m.blocks)];
  for (const t of texts) {
    for (const match of t.matchAll(/<!(channel|here|everyone|subteam\^[A-Z0-9]+)(?:\|[^>]*)?>/g))
      found.add(`@${match[1]}`);
  }
  const linkNames = m.args?.link_names;
  if (linkNames === true || linkNames === "true" || linkNames === 1 || linkNames === "1") {
    for (const match of m.text.matchAll(/(?:^|\s)@(channel|here|everyone)\b/g)) found.add(`@${match[1]}`);
  }
  return [...found];
}
