import { escapeMrkdwn, truncate } from "../../src/domain";

describe("escapeMrkdwn", () => {
  it.each([
    ["<!channel>", "&lt;!channel&gt;"],
    ["<!here>", "&lt;!here&gt;"],
    ["<!everyone> now", "&lt;!everyone&gt; now"],
    ["<@U123>", "&lt;@U123&gt;"],
    ["<#C123|general>", "&lt;#C123|general&gt;"],
    ["<http://evil|Q3 report>", "&lt;http://evil|Q3 report&gt;"],
    ["R&D", "R&amp;D"],
    ["&lt; already", "&amp;lt; already"],
    ["p99 < 200ms > p50", "p99 &lt; 200ms &gt; p50"],
    ["*bold* _it_ ~strike~ `code`", "*bold* _it_ ~strike~ `code`"],
    [":tada: 🎉 Ünïcödé", ":tada: 🎉 Ünïcödé"],
    ["", ""],
  ])("%p → %p", (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

const codePoints = (s: string) => Array.from(s).length;
const hasLoneSurrogate = (s: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe("truncate", () => {
  it.each([
    ["short text is unchanged", "hello", 10, "hello"],
    ["exactly max is unchanged", "hello", 5, "hello"],
    ["cut with an ellipsis", "hello world", 8, "hello w…"],
    ["trailing space before the ellipsis is dropped", "hello world", 7, "hello…"],
    ["max 1", "hello", 1, "…"],
    ["max 0", "hello", 0, ""],
    ["emoji count as one", "👍👍👍", 3, "👍👍👍"],
    ["emoji are not split", "👍👍👍", 2, "👍…"],
    ["flags are not split", "🇬🇧🇺🇸🇫🇷", 4, "🇬🇧…"],
    ["ZWJ family kept whole", "👨‍👩‍👧 family", 7, "👨‍👩‍👧…"],
    ["ZWJ family dropped whole when it doesn't fit", "👨‍👩‍👧 family", 4, "…"],
    ["skin tone kept with its emoji", "👍🏽👍🏽", 3, "👍🏽…"],
    ["accents as combining marks", "e\u0301e\u0301e\u0301", 4, "e\u0301…"],
  ])("%s", (_name, input, max, expected) => {
    const result = truncate(input, max);
    expect(result).toBe(expected);
    expect(codePoints(result)).toBeLessThanOrEqual(Math.max(0, max));
    expect(hasLoneSurrogate(result)).toBe(false);
  });

  it("never exceeds max code points or splits a surrogate pair", () => {
    const text = "Q3 🚀 launch: 👨‍👩‍👧 families & 🇬🇧 users <!here> done";
    for (let max = 0; max <= codePoints(text) + 1; max++) {
      const result = truncate(text, max);
      expect(codePoints(result)).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(result)).toBe(false);
    }
  });

  it("throws for a NaN max", () => {
    expect(() => truncate("hello", NaN)).toThrow(RangeError);
  });
});
