import fs from "node:fs";
import path from "node:path";
import postcss, { type AtRule, type ChildNode, type Container, type Rule } from "postcss";

/**
 * The part of Bootstrap Italia's compiled CSS that the app uses (issue 17): the full
 * stylesheet is 600 KB (86 KB compressed), almost all of it for components the app
 * does not have, and it carries an icon font as a data: URL that the CSP (font-src
 * 'self') refuses on every page. The subset keeps:
 * - every rule with a selector whose classes and ids all occur as words in the app's
 *   source (string literals of app/ and lib/ .ts/.tsx, and their .css), element and
 *   attribute selectors always;
 *   a class written as `prefix-${…}` in a template keeps the classes `prefix-<word>`;
 * - the at-rules (media, supports) around kept rules, the keyframes that kept rules
 *   animate with, the custom properties that kept declarations read (transitively);
 * and drops every @font-face (the app serves Titillium Web itself, see app/fonts.ts).
 * `npm run css:bootstrap` rewrites app/styles/bootstrap-italia.css; a unit test
 * checks that the committed file is what this function gives.
 */
export const BOOTSTRAP_ITALIA_CSS = "node_modules/bootstrap-italia/dist/css/bootstrap-italia.min.css";
export const SUBSET_FILE = "app/styles/bootstrap-italia.css";
const SOURCE_DIRS = ["app", "lib"];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.(tsx?|css)$/.test(entry.name) && full !== path.normalize(SUBSET_FILE) && !full.startsWith(path.normalize("app/styles/bootstrap-subset"))) out.push(full);
  }
  return out;
}

const STRING_LITERAL = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g;

/** Words that may be class names or ids, and the prefixes of classes built in templates. */
export function usedWords(root = "."): { words: Set<string>; prefixes: Set<string> } {
  const words = new Set<string>();
  const prefixes = new Set<string>();
  for (const dir of SOURCE_DIRS) {
    for (const file of sourceFiles(path.join(root, dir))) {
      const source = fs.readFileSync(file, "utf8");
      // In code only string literals can hold class names: identifiers do not change the subset.
      const text = file.endsWith(".css") ? source : [...source.matchAll(STRING_LITERAL)].map((m) => m[0]).join("\n");
      for (const m of text.matchAll(/[A-Za-z_][\w-]*/g)) words.add(m[0]);
      for (const m of text.matchAll(/([A-Za-z_][\w-]*-)\$\{/g)) prefixes.add(m[1]!);
    }
  }
  return { words, prefixes };
}

/** Removes pseudo-classes with arguments whose classes need not be present (:not, :is, :where, :has). */
function withoutFunctionalPseudos(selector: string): string {
  let out = "";
  let i = 0;
  while (i < selector.length) {
    const m = /^:(?:not|is|where|has|-webkit-any|-moz-any)\(/.exec(selector.slice(i));
    if (m) {
      let depth = 0;
      let j = i + m[0].length - 1;
      for (; j < selector.length; j++) {
        if (selector[j] === "(") depth++;
        else if (selector[j] === ")" && --depth === 0) break;
      }
      i = j + 1;
      continue;
    }
    out += selector.charAt(i);
    i++;
  }
  return out;
}

function selectorIsUsed(selector: string, words: Set<string>, prefixes: Set<string>): boolean {
  const bare = withoutFunctionalPseudos(selector.replace(/\[[^\]]*\]/g, ""));
  for (const m of bare.matchAll(/([.#])((?:\\.|[\w-])+)/g)) {
    const name = m[2]!.replace(/\\(.)/g, "$1");
    if (words.has(name)) continue;
    if (m[1] === "." && [...prefixes].some((p) => name.startsWith(p) && words.has(name.slice(p.length)))) continue;
    return false;
  }
  return true;
}

function isEmptyContainer(node: ChildNode): boolean {
  return "nodes" in node && Array.isArray(node.nodes) && node.nodes.length === 0;
}

/** Drops unused rules in place, then containers left empty. */
function prune(container: Container, words: Set<string>, prefixes: Set<string>): void {
  container.each((node) => {
    if (node.type === "rule") {
      const rule: Rule = node;
      const parent = rule.parent;
      if (parent?.type === "atrule" && (parent as AtRule).name.endsWith("keyframes")) return;
      const kept = rule.selectors.filter((s) => selectorIsUsed(s, words, prefixes));
      if (!kept.length) rule.remove();
      else if (kept.length !== rule.selectors.length) rule.selectors = kept;
    } else if (node.type === "atrule") {
      const at: AtRule = node;
      if (at.name === "font-face") at.remove();
      else if (at.name.endsWith("keyframes")) return;
      else if (at.nodes) {
        prune(at, words, prefixes);
        if (isEmptyContainer(at)) at.remove();
      }
    }
  });
}

/** Keeps the custom properties and keyframes that what is left reads. */
function pruneUnreferenced(root: postcss.Root, extraCss: string): void {
  const declaredVars = new Map<string, string[]>(); // name -> values of its declarations
  root.walkDecls((d) => {
    if (d.prop.startsWith("--")) declaredVars.set(d.prop, [...(declaredVars.get(d.prop) ?? []), d.value]);
  });
  const reads = (text: string) => [...text.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]!);
  const needed = new Set<string>(reads(extraCss));
  root.walkDecls((d) => {
    if (!d.prop.startsWith("--")) for (const v of reads(d.value)) needed.add(v);
  });
  const queue = [...needed];
  while (queue.length) {
    const v = queue.pop()!;
    for (const value of declaredVars.get(v) ?? []) {
      for (const w of reads(value)) {
        if (needed.has(w)) continue;
        needed.add(w);
        queue.push(w);
      }
    }
  }
  root.walkDecls((d) => {
    if (d.prop.startsWith("--") && !needed.has(d.prop)) d.remove();
  });
  const animations = new Set<string>();
  root.walkDecls(/^(-webkit-)?animation(-name)?$/, (d) => {
    for (const w of d.value.split(/[\s,]+/)) animations.add(w);
  });
  root.walkAtRules(/keyframes$/, (at) => {
    if (!animations.has(at.params.trim())) at.remove();
  });
  root.walkRules((r) => {
    if (r.nodes.length === 0) r.remove();
  });
  let changed = true;
  while (changed) {
    changed = false;
    root.walkAtRules((at) => {
      if (at.nodes?.length === 0) {
        at.remove();
        changed = true;
      }
    });
  }
}

/** The app's own CSS and inline styles, which may read Bootstrap Italia's custom properties. */
function appCss(root: string): string {
  return SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(root, dir))).map((f) => fs.readFileSync(f, "utf8")).join("\n");
}

export function bootstrapSubset(root = "."): string {
  const source = fs.readFileSync(path.join(root, BOOTSTRAP_ITALIA_CSS), "utf8").replace(/^\uFEFF/, "");
  const version = (JSON.parse(fs.readFileSync(path.join(root, "node_modules/bootstrap-italia/package.json"), "utf8")) as { version: string }).version;
  const css = postcss.parse(source);
  const licence = css.first?.type === "comment" ? `/*${css.first.text.startsWith("!") ? "" : "!"}${css.first.text}*/` : "";
  css.walkComments((c) => {
    c.remove();
  });
  css.walkDecls((d) => {
    if (/url\(\s*["']?data:(application\/font|font\/)/.test(d.value)) d.remove();
  });
  const { words, prefixes } = usedWords(root);
  prune(css, words, prefixes);
  pruneUnreferenced(css, appCss(root));
  css.raws.after = "";
  const body = css.toString().replace(/\s*\n\s*/g, "");
  return `${licence}\n/* Bootstrap Italia ${version}: only what the app uses. Generated by npm run css:bootstrap (app/styles/bootstrap-subset.ts): do not edit. */\n${body}\n`;
}
