import { runtimeError, type StatesError } from './states-error';

/**
 * A string literal such as `'Hello \{\}'`. `value` has its escapes resolved; `raw` keeps them, because
 * `States.Format` must tell an escaped brace (literal text) from a `{}` placeholder.
 */
export interface StringLiteral {
  kind: 'string';
  value: string;
  raw: string;
}

/** A JSONPath reference: `$...` into the state input, `$$...` into the context object. */
export interface PathReference {
  kind: 'path';
  path: string;
}

/** A number, boolean or null literal. */
export interface ScalarLiteral {
  kind: 'scalar';
  value: number | boolean | null;
}

/** One `States.X(...)` invocation. `source` is its text as written, which AWS echoes in error causes. */
export interface IntrinsicCall {
  kind: 'call';
  name: string;
  args: IntrinsicArgument[];
  source: string;
}

/** Anything that can appear between the parentheses of an intrinsic call. */
export type IntrinsicArgument = StringLiteral | PathReference | ScalarLiteral | IntrinsicCall;

/** The only escapes the Amazon States Language allows inside an intrinsic string literal. */
const ESCAPABLE = new Set(["'", '{', '}', '\\']);
const FUNCTION_NAME = /States\.[A-Za-z0-9]+(?=\()/y;
// JSON number grammar (AWS accepts exponents), so `1.` and `.5` are rejected.
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const KEYWORD = /(?:true|false|null)/y;

/**
 * Parses an intrinsic function call such as `States.Format('Hi {}', $.name)` into a syntax tree.
 *
 * @throws {StatesError} `States.Runtime` when the text is not exactly one well-formed call.
 */
export function parseIntrinsic(expression: string): IntrinsicCall {
  const parser = new Parser(expression);
  parser.skipSpaces();
  const call = parser.parseCall();
  parser.skipSpaces();
  if (!parser.atEnd()) {
    throw parser.fail('unexpected text after the closing parenthesis');
  }
  return call;
}

/** A recursive-descent parser over one expression; `position` always points at the next unread character. */
class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  skipSpaces(): void {
    while (!this.atEnd() && /\s/.test(this.peek())) {
      this.position += 1;
    }
  }

  fail(reason: string): StatesError {
    return runtimeError(
      `The value '${this.text}' is not a valid intrinsic function call: ${reason} (at character ${this.position + 1}).`,
    );
  }

  parseCall(): IntrinsicCall {
    const start = this.position;
    const name = this.match(FUNCTION_NAME);
    if (name === undefined) {
      throw this.fail("expected a function name such as 'States.Format' followed by '('");
    }
    this.position += 1; // the '(' the lookahead saw
    const args = this.parseArguments();
    return { kind: 'call', name, args, source: this.text.slice(start, this.position) };
  }

  /** Reads `arg, arg, ...)` up to and including the closing parenthesis. */
  private parseArguments(): IntrinsicArgument[] {
    const args: IntrinsicArgument[] = [];
    this.skipSpaces();
    if (this.peek() === ')') {
      this.position += 1;
      return args;
    }
    for (;;) {
      this.skipSpaces();
      args.push(this.parseArgument());
      this.skipSpaces();
      const separator = this.peek();
      this.position += 1;
      if (separator === ')') {
        return args;
      }
      if (separator !== ',') {
        this.position -= 1;
        throw this.fail(this.atEnd() ? "missing ')'" : "expected ',' or ')'");
      }
    }
  }

  private parseArgument(): IntrinsicArgument {
    const next = this.peek();
    if (next === "'") {
      return this.parseString();
    }
    if (next === '$') {
      return { kind: 'path', path: this.readPath() };
    }
    if (this.text.startsWith('States.', this.position)) {
      return this.parseCall();
    }
    const scalar = this.match(NUMBER) ?? this.match(KEYWORD);
    if (scalar === undefined || !this.atArgumentEnd()) {
      throw this.fail('expected a string, number, boolean, null, path or intrinsic function as argument');
    }
    return { kind: 'scalar', value: JSON.parse(scalar) as number | boolean | null };
  }

  private parseString(): StringLiteral {
    const start = ++this.position;
    let value = '';
    while (!this.atEnd()) {
      const char = this.peek();
      this.position += 1;
      if (char === "'") {
        return { kind: 'string', value, raw: this.text.slice(start, this.position - 1) };
      }
      if (char === '\\') {
        const escaped = this.peek();
        if (!ESCAPABLE.has(escaped)) {
          throw this.fail("only \\', \\{, \\} and \\\\ may be escaped in a string literal");
        }
        this.position += 1;
        value += escaped;
      } else {
        value += char;
      }
    }
    throw this.fail('unterminated string literal');
  }

  /**
   * Reads a path up to the `,` or `)` that ends the argument. Brackets are tracked because a path may
   * hold commas, parentheses and quotes inside them, e.g. `$['a,b']` or `$.items[?(@.x == 1)]`.
   */
  private readPath(): string {
    const start = this.position;
    let depth = 0;
    let quote: string | undefined;
    while (!this.atEnd()) {
      const char = this.peek();
      if (quote !== undefined) {
        if (char === '\\') this.position += 1;
        else if (char === quote) quote = undefined;
      } else if (depth > 0 && (char === "'" || char === '"')) {
        quote = char;
      } else if (char === '[') {
        depth += 1;
      } else if (char === ']') {
        depth -= 1;
      } else if (depth === 0 && (char === ',' || char === ')')) {
        break;
      }
      this.position += 1;
    }
    const path = this.text.slice(start, this.position).trimEnd();
    if (!/^\$\$?(?:$|[.[])/.test(path) || depth !== 0) {
      throw this.fail(`'${path}' is not a valid path`);
    }
    return path;
  }

  private atArgumentEnd(): boolean {
    const next = this.peek();
    return next === ',' || next === ')' || /\s/.test(next);
  }

  private peek(): string {
    return this.text.charAt(this.position);
  }

  /** Consumes `pattern` (a sticky regex) at the current position and returns the matched text. */
  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.text)?.[0];
    if (found !== undefined) {
      this.position += found.length;
    }
    return found;
  }
}
