/**
 * An ES5 syntax check for generated scripts (testing tools may run them in old engines): parses
 * with TypeScript and reports every construct newer than ES5, plus function declarations inside
 * blocks (not allowed in ES5 strict code, inconsistent in sloppy code).
 */
import ts from "typescript";
import type { Kind } from "../../src/index.ts";

const BANNED: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.ArrowFunction]: "arrow function",
  [ts.SyntaxKind.TemplateExpression]: "template literal",
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral]: "template literal",
  [ts.SyntaxKind.TaggedTemplateExpression]: "tagged template",
  [ts.SyntaxKind.ClassDeclaration]: "class",
  [ts.SyntaxKind.ClassExpression]: "class",
  [ts.SyntaxKind.SpreadElement]: "spread",
  [ts.SyntaxKind.SpreadAssignment]: "object spread",
  [ts.SyntaxKind.ObjectBindingPattern]: "destructuring",
  [ts.SyntaxKind.ArrayBindingPattern]: "destructuring",
  [ts.SyntaxKind.ShorthandPropertyAssignment]: "shorthand property",
  [ts.SyntaxKind.MethodDeclaration]: "method shorthand",
  [ts.SyntaxKind.ComputedPropertyName]: "computed property",
  [ts.SyntaxKind.ForOfStatement]: "for…of",
  [ts.SyntaxKind.AwaitExpression]: "await",
  [ts.SyntaxKind.YieldExpression]: "yield",
  [ts.SyntaxKind.MetaProperty]: "new.target / import.meta",
  [ts.SyntaxKind.BigIntLiteral]: "BigInt",
  [ts.SyntaxKind.QuestionQuestionToken]: "??",
  [ts.SyntaxKind.QuestionDotToken]: "?.",
  [ts.SyntaxKind.AsteriskAsteriskToken]: "**",
};

const isFunctionLike = (n: ts.Node): boolean =>
  ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n);

/** The source as a JS program for the parser, per the way its tool runs it. */
export function asProgram(kind: Kind, code: string): string {
  if (kind === "function-body") return `(function () {\n${code}\n})`;
  if (kind === "function") return `(${code}\n)`;
  if (kind === "html") {
    const m = /^<script>\n([\s\S]*)\n<\/script>$/.exec(code);
    if (!m?.[1]) throw new Error("html: expected one <script> element");
    return m[1];
  }
  return code;
}

/** Problems found (empty when the code is ES5). */
export function es5Problems(kind: Kind, code: string): string[] {
  const src = asProgram(kind, code);
  const out = (
    ts.transpileModule(src, { reportDiagnostics: true, fileName: "x.js" }).diagnostics ?? []
  ).map((d) => `syntax: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  const sf = ts.createSourceFile("x.js", src, ts.ScriptTarget.ES5, true, ts.ScriptKind.JS);
  const visit = (n: ts.Node): void => {
    const banned = BANNED[n.kind];
    if (banned) out.push(banned);
    if (ts.isVariableDeclarationList(n) && n.flags & ts.NodeFlags.BlockScoped)
      out.push("let/const");
    if (ts.isParameter(n) && (n.initializer || n.dotDotDotToken))
      out.push("default/rest parameter");
    if (ts.isFunctionLike(n) && (n as ts.FunctionLikeDeclarationBase).asteriskToken)
      out.push("generator");
    if (
      ts.canHaveModifiers(n) &&
      ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)
    ) {
      out.push("async");
    }
    if (ts.isRegularExpressionLiteral(n) && /\/[gimsuyd]*[suyd][gimsuyd]*$/.test(n.text)) {
      out.push("regex flag newer than ES5");
    }
    if (ts.isNumericLiteral(n) && n.getText().includes("_")) out.push("numeric separator");
    if (ts.isFunctionDeclaration(n)) {
      const p = n.parent;
      const ok = ts.isSourceFile(p) || (ts.isBlock(p) && isFunctionLike(p.parent));
      if (!ok) out.push(`function ${n.name?.text ?? ""} declared in a block`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
