/**
 * Citations of the docs must resolve inside the repository. The product's requirements are
 * summarised in docs/product/ (the original specification is not in the repository), so:
 * - no source, test, script, README or doc cites the specification by its upper-case name
 *   (README.md may name it once, as the origin of the requirements);
 * - every repository path `docs/….md` or `docs/….json` named anywhere exists, and its
 *   `#anchor`, if any, is a heading of that page;
 * - every relative Markdown link of a page under docs/, and every relative link into docs/
 *   from any other Markdown file, reaches a file that exists, and a heading when it has an
 *   anchor.
 * `node --import tsx scripts/doc-citations.ts` prints the problems, one per line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** What is scanned: the packages, the scripts, the docs and the README. */
const SCAN = ["packages", "scripts", "docs", "README.md"];
const SKIP_DIRS = new Set(["node_modules", "dist", ".data", ".git", "coverage"]);
const TEXT = /\.(?:ts|tsx|mts|js|mjs|cjs|md|json)$/;
/** Larger files are data (e.g. the prior model), not prose that cites anything. */
const MAX_BYTES = 512 * 1024;
/** How many times README.md may name the specification (the origin of the requirements). */
export const README_SPEC_MENTIONS = 1;

export interface Problem {
  /** Repository-relative path, with forward slashes. */
  file: string;
  line: number;
  message: string;
}

/** Repository-relative paths (forward slashes) of the text files that are scanned. */
export function scannedFiles(root: string = ROOT): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!SKIP_DIRS.has(name)) walk(join(p, name));
    } else if (TEXT.test(p) && !p.endsWith("package-lock.json") && st.size <= MAX_BYTES) {
      out.push(relative(root, p).split(sep).join("/"));
    }
  };
  for (const top of SCAN) walk(join(root, top));
  return out;
}

/** GitHub's anchor for a heading: inline code and link targets dropped, lower case, punctuation out, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a Markdown page's headings (outside code fences), duplicates numbered as GitHub does. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const m = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** A repository path named without a leading `./`, `../` or other folder: `docs/product/tag.md#signals`. */
const REPO_DOC_PATH =
  /(?<![\w./-])docs\/((?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:md|json))(#[\w-]+)?/g;
/** A Markdown link's target: `[text](target)`. */
const MD_LINK = /\]\(([^)\s]+)\)/g;
const SPEC_WORD = /\bSPEC\b/g;

/** Every problem of the repository (or of a throwaway tree with the same layout). */
export function citationProblems(root: string = ROOT): Problem[] {
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const report = (p: Problem) => {
    const key = `${p.file}:${p.line}: ${p.message}`;
    if (!reported.has(key)) problems.push(p);
    reported.add(key);
  };
  const anchorCache = new Map<string, Set<string>>();
  const anchors = (file: string) => {
    let a = anchorCache.get(file);
    if (!a) {
      a = anchorsOf(readFileSync(join(root, file), "utf8"));
      anchorCache.set(file, a);
    }
    return a;
  };
  /** Checks one target (repository-relative path and optional anchor without '#'). */
  const check = (file: string, line: number, target: string, anchor: string | undefined) => {
    const at = { file, line };
    if (!existsSync(join(root, target)) || !statSync(join(root, target)).isFile()) {
      report({ ...at, message: `${target} does not exist` });
    } else if (anchor !== undefined) {
      if (!target.endsWith(".md")) report({ ...at, message: `${target} has no anchors` });
      else if (!anchors(target).has(anchor))
        report({ ...at, message: `${target} has no heading #${anchor}` });
    }
  };

  for (const file of scannedFiles(root)) {
    const text = readFileSync(join(root, file), "utf8");
    const lines = text.split("\n");
    const isMd = file.endsWith(".md");
    let specs = 0;
    lines.forEach((content, i) => {
      const line = i + 1;
      for (const _ of content.matchAll(SPEC_WORD)) {
        specs++;
        if (file !== "README.md" || specs > README_SPEC_MENTIONS)
          report({
            file,
            line,
            message:
              "cites the specification, which is not in the repository: cite docs/product/ instead",
          });
      }
      for (const m of content.matchAll(REPO_DOC_PATH)) {
        check(file, line, `docs/${m[1]!}`, m[2]?.slice(1));
      }
      if (!isMd) return;
      for (const m of content.matchAll(MD_LINK)) {
        const raw = m[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) continue; // http:, mailto:, …
        const [path = "", anchor] = raw.split("#", 2) as [string, string | undefined];
        const target = path === "" ? file : join(dirname(file), path).split(sep).join("/");
        const underDocs = target.startsWith("docs/");
        if (file.startsWith("docs/") || underDocs) check(file, line, target, anchor);
      }
    });
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = citationProblems();
  for (const p of problems) process.stdout.write(`${p.file}:${p.line}: ${p.message}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
