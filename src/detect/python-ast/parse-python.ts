/*
 * The syntax tree of a Python file, from @lezer/python (pure JS, error-tolerant: a file with
 * a syntax error still yields a tree with error nodes, never an exception). Detectors that
 * need structure — imports, what a function calls — read this; the older detectors keep the
 * line scanner in ../app/python-source.ts, which is faster for their regexes.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/python";

export interface PythonTree {
  readonly text: string;
  readonly tree: Tree;
  /** 1-based line of a character offset. */
  lineOf(offset: number): number;
  /** Source text of a node. */
  textOf(node: SyntaxNode): string;
}

export function parsePython(text: string): PythonTree {
  const tree = parser.parse(text);
  const lineStarts = lineStartOffsets(text);
  return {
    text,
    tree,
    lineOf: (offset) => lineIndex(lineStarts, offset) + 1,
    textOf: (node) => text.slice(node.from, node.to),
  };
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the last line start ≤ offset (binary search). */
function lineIndex(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Every node of one of `names`, in source order (the whole tree, nested scopes included). */
export function nodesNamed(tree: PythonTree, names: ReadonlySet<string>): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  tree.tree.iterate({
    enter: (ref) => {
      if (names.has(ref.name)) found.push(ref.node);
    },
  });
  return found;
}
