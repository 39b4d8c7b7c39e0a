/**
 * An evidence link as typed into the check-in form → a normalised http(s) URL that is safe inside
 * a Slack link (`<url|label>`), or null when it is not one.
 */
export function parseEvidenceUrl(raw: string, maxLength = 2000): string | null {
  const text = raw.trim();
  if (text === "" || text.length > maxLength || /[\s|<>]/.test(text)) return null;
  try {
    const url = new URL(text);
    if (url.protocol !== "https:" && url.protocol !== "http:") return null;
    return url.href.length <= maxLength ? url.href : null;
  } catch {
    return null;
  }
}
