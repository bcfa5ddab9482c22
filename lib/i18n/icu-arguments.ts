// A small reader for ICU MessageFormat as next-intl (formatjs) understands it:
// enough to list a message's arguments and rich-text tags, and to reject
// messages that would not format (unbalanced braces or tags, a plural
// without "other"). Used by the translation tests, not at run time.

export type IcuArgument = {
  name: string;
  /** "" for a plain {name}; "number", "date", "time", "plural", "select", "selectordinal". */
  type: string;
};

export type IcuSummary = {
  /** Every argument, nested ones included (e.g. inside a plural branch). */
  arguments: IcuArgument[];
  /** Tag names of rich-text elements, one entry per <tag>…</tag> pair. */
  tags: string[];
  /**
   * What a reader sees: the literal text of the message and of every plural
   * or select branch, without argument names, option names or tags; pieces
   * are separated by a space.
   */
  text: string;
};

export class IcuSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (at character ${offset})`);
    this.name = 'IcuSyntaxError';
  }
}

const PLURAL_TYPES = new Set(['plural', 'selectordinal']);
const BRANCH_TYPES = new Set(['plural', 'selectordinal', 'select']);
const SIMPLE_TYPES = new Set(['number', 'date', 'time']);
const NAME = /[\p{L}\p{N}_$-]/u;
const TAG_NAME = /[A-Za-z0-9_-]/;

/** Reads a message; throws IcuSyntaxError when it would not format. */
export function summarizeIcu(message: string): IcuSummary {
  const summary: IcuSummary = { arguments: [], tags: [], text: '' };
  const text: string[] = [];
  let i = 0;

  const fail = (what: string): never => {
    throw new IcuSyntaxError(what, i);
  };
  const skipSpace = () => {
    while (i < message.length && /\s/.test(message[i]!)) i++;
  };
  const readWord = (pattern: RegExp) => {
    const start = i;
    while (i < message.length && pattern.test(message[i]!)) i++;
    return message.slice(start, i);
  };

  // Reads text and elements until `}` (when nested), a closing tag, or the end.
  const readMessage = (inPlural: boolean, nested: boolean, openTag: string | null): void => {
    while (i < message.length) {
      const c = message[i]!;
      if (c === "'") {
        readQuote(inPlural);
      } else if (c === '{') {
        readArgument();
      } else if (c === '}') {
        if (nested) return;
        fail('"}" without a matching "{"');
      } else if (c === '<' && message[i + 1] === '/') {
        if (openTag === null) fail('a closing tag without an opening tag');
        return;
      } else if (c === '<' && /[A-Za-z]/.test(message[i + 1] ?? '')) {
        readTag(inPlural);
      } else if (c === '#' && inPlural) {
        text.push(' ');
        i++;
      } else {
        text.push(c);
        i++;
      }
    }
    if (nested) fail('"{" without a matching "}"');
    if (openTag !== null) fail(`<${openTag}> is never closed`);
  };

  // ICU quoting: '' is an apostrophe; '{…}' (also before <, >, # in a plural) is literal text.
  const readQuote = (inPlural: boolean) => {
    const next = message[i + 1];
    if (next === "'") {
      text.push("'");
      i += 2;
      return;
    }
    if (next === '{' || next === '}' || next === '<' || next === '>' || (inPlural && next === '#')) {
      i += 1;
      for (;;) {
        if (i >= message.length) return; // an unterminated quote runs to the end, as in ICU
        if (message[i] === "'" && message[i + 1] === "'") {
          text.push("'");
          i += 2;
        } else if (message[i] === "'") {
          i++;
          return;
        } else text.push(message[i++]!);
      }
    }
    text.push("'");
    i++; // a lone apostrophe is just an apostrophe
  };

  const readTag = (inPlural: boolean) => {
    const start = i;
    i++; // <
    const name = readWord(TAG_NAME);
    if (message[i] === '/' && message[i + 1] === '>') {
      i += 2; // <br/>: formatjs keeps a self-closing tag as literal text
      text.push(message.slice(start, i));
      return;
    }
    if (message[i] !== '>') fail(`"<${name}" is not a tag (write '<' to show the sign)`);
    i++;
    text.push(' ');
    readMessage(inPlural, false, name);
    // readMessage stopped at "</"
    const closeStart = i;
    i += 2;
    const closing = readWord(TAG_NAME);
    if (closing !== name || message[i] !== '>') {
      const found = message.slice(closeStart, i + 1);
      i = closeStart;
      fail(`<${name}> is closed by "${found}"`);
    }
    i++;
    text.push(' ');
    summary.tags.push(name);
  };

  const readArgument = () => {
    i++; // {
    text.push(' ');
    skipSpace();
    const name = readWord(NAME);
    skipSpace();
    if (i >= message.length) fail('"{" without a matching "}"');
    if (!name) fail('an argument without a name');
    if (message[i] === '}') {
      i++;
      summary.arguments.push({ name, type: '' });
      return;
    }
    if (message[i] !== ',') fail(`unexpected "${message[i] ?? 'end'}" in argument {${name}}`);
    i++;
    skipSpace();
    const type = readWord(/[a-z]/);
    skipSpace();
    summary.arguments.push({ name, type });
    if (SIMPLE_TYPES.has(type)) {
      if (message[i] === ',') {
        // a style or skeleton: plain text up to the closing brace
        while (i < message.length && message[i] !== '}') i++;
      }
      if (message[i] !== '}') fail(`argument {${name}, ${type}} is not closed`);
      i++;
      return;
    }
    if (!BRANCH_TYPES.has(type)) fail(`unknown argument type "${type}" in {${name}}`);
    if (message[i] !== ',') fail(`{${name}, ${type}} needs options`);
    i++;
    const selectors = new Set<string>();
    for (;;) {
      skipSpace();
      if (message[i] === '}') {
        i++;
        break;
      }
      if (PLURAL_TYPES.has(type) && message.startsWith('offset:', i)) {
        i += 'offset:'.length;
        skipSpace();
        if (!readWord(/\d/)) fail('offset without a number');
        continue;
      }
      const selector = readWord(/[^\s{}]/);
      if (!selector) fail(`{${name}, ${type}} has an option without a name`);
      if (selectors.has(selector)) fail(`{${name}, ${type}} repeats option "${selector}"`);
      selectors.add(selector);
      skipSpace();
      if (message[i] !== '{') fail(`option "${selector}" of {${name}} has no message`);
      i++;
      readMessage(PLURAL_TYPES.has(type), true, null);
      i++; // }
    }
    if (!selectors.has('other')) fail(`{${name}, ${type}} has no "other" option`);
  };

  readMessage(false, false, null);
  summary.text = text.join('');
  return summary;
}

/** The set of argument names a message uses, sorted. */
export function argumentNames(message: string): string[] {
  return [...new Set(summarizeIcu(message).arguments.map((a) => a.name))].sort();
}

/** The rich-text tag names a message uses, sorted, with repeats. */
export function tagNames(message: string): string[] {
  return summarizeIcu(message).tags.sort();
}

/** What a reader sees of the message (see IcuSummary.text). */
export function visibleText(message: string): string {
  return summarizeIcu(message).text;
}
