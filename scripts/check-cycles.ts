/**
 * `npm run lint` step: fails when the source has an import circle. Reads every TypeScript module outside tests,
 * follows its relative imports (type-only ones too: a circle of types is still a circle of concepts), and reports
 * each strongly connected component of more than one module, or a module that imports itself.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const ROOTS = ['core', 'engine', 'api', 'bots', 'local', 'app/src', 'deploy', 'bench', 'scripts', 'medplum'];
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sources(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sources(path);
    }
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolve(from: string, spec: string): string | undefined {
  const base = normalize(join(dirname(from), spec.replace(/\.js$/, '')));
  return ['.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((path) => existsSync(path));
}

/** Tarjan's strongly connected components. */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member !== undefined) {
          onStack.delete(member);
          component.push(member);
        }
      } while (member !== undefined && member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) {
        found.push(component.sort());
      }
    }
  };
  [...graph.keys()].forEach((node) => index.has(node) || visit(node));
  return found;
}

const graph = new Map<string, string[]>();
for (const file of ROOTS.flatMap(sources)) {
  const text = readFileSync(file, 'utf8');
  const targets = [...text.matchAll(IMPORT)].map((m) => resolve(file, m[1] ?? m[2] ?? '')).filter(Boolean);
  graph.set(file, targets as string[]);
}
const found = circles(graph);
for (const component of found) {
  console.error(`Import circle: ${component.map((f) => relative('.', f)).join(' ↔ ')}`);
}
console.log(`Import circles: ${found.length} among ${graph.size} modules.`);
process.exit(found.length ? 1 : 0);
