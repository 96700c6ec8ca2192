/**
 * Each package's public surface: the names its `src/index.ts` exports, and which of them other
 * packages (or scripts) import through `@intently/<name>`. Prints JSON:
 *   node --import tsx scripts/export-surface.ts            {total, usedOutside, packages: {…}}
 *   node --import tsx scripts/export-surface.ts --write    rewrites every index.ts as named
 *     re-exports of just the names used outside the package (a package's own files and tests
 *     import the rest from the module that declares it; their imports are rewritten to that)
 * Uses the TypeScript compiler API (typescript@5.9) to follow `export *` to the declaring file.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const PKGS = join(root, "packages");

interface Pkg {
  dir: string;
  name: string;
  index: string;
}

function walk(dir: string, out: string[]): string[] {
  for (const n of readdirSync(dir)) {
    if (n === "node_modules" || n === "dist") continue;
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(n) && !n.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

export function packages(): Pkg[] {
  return readdirSync(PKGS)
    .map((d) => join(PKGS, d))
    .filter((d) => statSync(join(d, "src", "index.ts"), { throwIfNoEntry: false }))
    .map((dir) => ({
      dir,
      name: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name as string,
      index: join(dir, "src", "index.ts"),
    }));
}

function program(files: string[]): ts.Program {
  return ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    jsx: ts.JsxEmit.ReactJSX,
    skipLibCheck: true,
    strict: true,
  });
}

interface Exported {
  name: string;
  /** Declaring file (absolute). */
  from: string;
  typeOnly: boolean;
}

function exportsOf(p: ts.Program, file: string): Exported[] {
  const checker = p.getTypeChecker();
  const sf = p.getSourceFile(file);
  const mod = sf && checker.getSymbolAtLocation(sf);
  if (!mod) return [];
  return checker.getExportsOfModule(mod).map((s) => {
    const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
    const decl = target.declarations?.[0];
    const value = (target.flags & ts.SymbolFlags.Value) !== 0;
    return { name: s.name, from: decl?.getSourceFile().fileName ?? file, typeOnly: !value };
  });
}

/** Names imported from `spec` by `sf` (`*` for a namespace import or `export *`). */
function importedNames(sf: ts.SourceFile, spec: (m: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    if (
      !(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) ||
      !st.moduleSpecifier ||
      !ts.isStringLiteral(st.moduleSpecifier) ||
      !spec(st.moduleSpecifier.text)
    )
      continue;
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      if (!c) continue;
      if (c.name) out.add("default");
      const b = c.namedBindings;
      if (b && ts.isNamespaceImport(b)) out.add("*");
      else if (b) for (const e of b.elements) out.add((e.propertyName ?? e.name).text);
    } else if (!st.exportClause) out.add("*");
    else if (ts.isNamedExports(st.exportClause))
      for (const e of st.exportClause.elements) out.add((e.propertyName ?? e.name).text);
  }
  // `const { a, b: c } = await import("@intently/x")` uses a and b; any other import() all.
  for (const m of sf.text.matchAll(
    /(?:\{([^}]*)\}\s*=\s*await\s+)?import\(\s*["']([^"']+)["']\s*\)/g,
  )) {
    if (!spec(m[2]!)) continue;
    if (m[1] === undefined) out.add("*");
    else for (const n of m[1].split(",")) if (n.trim()) out.add(n.split(":")[0]!.trim());
  }
  return out;
}

export function surface() {
  const pkgs = packages();
  const files = walk(PKGS, []).concat(walk(join(root, "scripts"), []));
  const p = program(files);
  const report: Record<string, { exported: number; usedOutside: number; unused: string[] }> = {};
  const plan = new Map<Pkg, { keep: Exported[]; all: Exported[] }>();
  for (const pkg of pkgs) {
    const all = exportsOf(p, pkg.index);
    const used = new Set<string>();
    for (const sf of p.getSourceFiles()) {
      if (sf.fileName.includes("node_modules") || sf.fileName.startsWith(`${pkg.dir}/`)) continue;
      for (const n of importedNames(sf, (m) => m === pkg.name)) used.add(n);
    }
    const keep = used.has("*") ? all : all.filter((e) => used.has(e.name));
    plan.set(pkg, { keep, all });
    report[pkg.name] = {
      exported: all.length,
      usedOutside: keep.length,
      unused: all.filter((e) => !keep.includes(e)).map((e) => e.name),
    };
  }
  const total = Object.values(report).reduce((a, r) => a + r.exported, 0);
  const usedOutside = Object.values(report).reduce((a, r) => a + r.usedOutside, 0);
  return { total, usedOutside, report, plan, program: p };
}

const rel = (from: string, to: string) => {
  const r = relative(dirname(from), to).replace(/\\/g, "/");
  return r.startsWith(".") ? r : `./${r}`;
};

/** The index's leading comment and its own declarations (anything not a re-export). */
function ownPart(src: string, sf: ts.SourceFile): { head: string; own: string[] } {
  const first = sf.statements[0];
  const head = first ? src.slice(0, first.getStart(sf)).trimEnd() : src.trimEnd();
  const own = sf.statements
    .filter((s) => !(ts.isExportDeclaration(s) && s.moduleSpecifier))
    .map((s) => src.slice(s.getFullStart(), s.getEnd()).trim());
  return { head, own };
}

function writeIndex(pkg: Pkg, keep: Exported[], p: ts.Program): void {
  const sf = p.getSourceFile(pkg.index)!;
  const { head, own } = ownPart(sf.text, sf);
  const byFile = new Map<string, Exported[]>();
  for (const e of keep) {
    if (e.from === pkg.index) continue;
    byFile.set(e.from, [...(byFile.get(e.from) ?? []), e]);
  }
  const lines: string[] = [];
  for (const [file, es] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const spec = rel(pkg.index, file);
    const values = es.filter((e) => !e.typeOnly).map((e) => e.name);
    const types = es.filter((e) => e.typeOnly).map((e) => e.name);
    if (values.length) lines.push(`export { ${values.sort().join(", ")} } from "${spec}";`);
    if (types.length) lines.push(`export type { ${types.sort().join(", ")} } from "${spec}";`);
  }
  const body = [head, "", ...own.filter((s) => !s.startsWith("/**") || s.includes("\n")), ...lines];
  writeFileSync(pkg.index, `${body.join("\n").replace(/^\n+/, "")}\n`);
}

/** Rewrites a package's own imports of names its index no longer exports. */
function rewriteOwnImports(pkg: Pkg, all: Exported[], keep: Exported[], p: ts.Program): number {
  const kept = new Set(keep.map((e) => e.name));
  const where = new Map(all.map((e) => [e.name, e]));
  let changed = 0;
  for (const sf of p.getSourceFiles()) {
    if (!sf.fileName.startsWith(`${pkg.dir}/`) || sf.fileName === pkg.index) continue;
    const isIndex = (m: string) =>
      m === pkg.name || (m.startsWith(".") && join(dirname(sf.fileName), m) === pkg.index);
    let text = sf.text;
    const edits: { start: number; end: number; text: string }[] = [];
    for (const st of sf.statements) {
      if (
        !ts.isImportDeclaration(st) ||
        !ts.isStringLiteral(st.moduleSpecifier) ||
        !isIndex(st.moduleSpecifier.text)
      )
        continue;
      const b = st.importClause?.namedBindings;
      if (!b || !ts.isNamedImports(b)) continue;
      const typeAll = st.importClause?.isTypeOnly ?? false;
      const groups = new Map<string, string[]>();
      for (const e of b.elements) {
        const name = (e.propertyName ?? e.name).text;
        const spec = kept.has(name)
          ? st.moduleSpecifier.text
          : rel(sf.fileName, where.get(name)?.from ?? pkg.index);
        groups.set(spec, [...(groups.get(spec) ?? []), e.getText(sf)]);
      }
      if (groups.size === 1 && groups.has(st.moduleSpecifier.text)) continue;
      const out = [...groups].map(
        ([spec, names]) =>
          `import ${typeAll ? "type " : ""}{ ${names.join(", ")} } from "${spec}";`,
      );
      edits.push({ start: st.getStart(sf), end: st.getEnd(), text: out.join("\n") });
    }
    for (const e of edits.sort((a, b) => b.start - a.start))
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
    if (edits.length) {
      writeFileSync(sf.fileName, text);
      changed++;
    }
  }
  return changed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  const { total, usedOutside, report, plan, program: p } = surface();
  if (process.argv.includes("--write")) {
    for (const [pkg, { keep, all }] of plan) {
      if (only.length && !only.includes(pkg.name)) continue;
      const files = rewriteOwnImports(pkg, all, keep, p);
      writeIndex(pkg, keep, p);
      console.error(`${pkg.name}: ${keep.length} of ${all.length} kept; ${files} files re-pointed`);
    }
  }
  const packagesOut = Object.fromEntries(
    Object.entries(report).map(([k, r]) => [
      k,
      { exported: r.exported, usedOutside: r.usedOutside },
    ]),
  );
  console.log(JSON.stringify({ total, usedOutside, packages: packagesOut }, null, 2));
}
