/**
 * A Vite plugin that shrinks the text inside Lit's `html`, `svg` and `css`
 * tagged templates in src/ at build time: indentation and line breaks become
 * one space (what HTML and CSS collapse them to anyway), CSS comments go, and
 * CSS punctuation loses its padding. Expressions (`${…}`), nested templates
 * included, are scanned, not guessed at with a regular expression.
 * Tests run the unminified source; the bundle and CSP tests run the result.
 * @returns {import('vite').Plugin}
 */
export function minifyLitTemplates() {
  return {
    name: 'minify-lit-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return undefined;
      const out = minifySource(code);
      return out === code ? undefined : { code: out, map: null };
    },
  };
}

const TAGGED = /\b(html|svg|css)$/;

/**
 * Copies `code`, minifying the literal parts of tagged templates.
 * @param {string} code
 * @returns {string}
 */
export function minifySource(code) {
  let out = '';
  let i = 0;
  // Scans JavaScript until `stop` (a closing brace of `${…}`) at depth 0, or the end.
  /** @param {boolean} stopAtBrace */
  const scanCode = (stopAtBrace) => {
    let depth = 0;
    while (i < code.length) {
      const char = code[i];
      if (char === '/' && code[i + 1] === '/') {
        const end = code.indexOf('\n', i);
        const stop = end < 0 ? code.length : end;
        out += code.slice(i, stop);
        i = stop;
      } else if (char === '/' && code[i + 1] === '*') {
        const stop = code.indexOf('*/', i + 2) + 2;
        out += code.slice(i, stop);
        i = stop;
      } else if (char === '"' || char === "'") {
        let j = i + 1;
        while (j < code.length && code[j] !== char) j += code[j] === '\\' ? 2 : 1;
        out += code.slice(i, j + 1);
        i = j + 1;
      } else if (char === '`') {
        const tag = TAGGED.exec(out)?.[1];
        out += '`';
        i++;
        scanTemplate(tag);
      } else if (char === '{') {
        depth++;
        out += char;
        i++;
      } else if (char === '}') {
        if (stopAtBrace && depth === 0) return;
        depth--;
        out += char;
        i++;
      } else {
        out += char;
        i++;
      }
    }
  };
  // Scans a template literal body after its opening backtick, through the closing one.
  /** @param {string | undefined} tag `html`, `svg` or `css`; undefined for an untagged (or otherwise tagged) template */
  const scanTemplate = (tag) => {
    let text = '';
    const flush = () => {
      out += tag ? minifyText(text, tag) : text;
      text = '';
    };
    while (i < code.length) {
      const char = code[i];
      if (char === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (char === '`') {
        flush();
        out += '`';
        i++;
        return;
      } else if (char === '$' && code[i + 1] === '{') {
        flush();
        out += '${';
        i += 2;
        scanCode(true);
        out += '}';
        i++;
      } else {
        text += char;
        i++;
      }
    }
    flush();
  };
  scanCode(false);
  return out;
}

/** @param {string} text @param {string} tag `html`, `svg` or `css` @returns {string} */
function minifyText(text, tag) {
  if (tag !== 'css') return text.replace(/\s*\n\s*/g, ' ');
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    // `name: value` after `{` or `;` is a declaration (a selector's colon is never followed by a space).
    .replace(/([{;][-\w]+):\s+/g, '$1:')
    .replace(/([\s:(,])0\.(\d)/g, '$1.$2')
    .replace(/;}/g, '}');
}
