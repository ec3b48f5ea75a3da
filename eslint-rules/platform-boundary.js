/**
 * newsbot/platform-boundary: a platform folder (src/bots/<id>/, every folder there but the shared
 * commands/) is imported only by itself and by src/bots/registry.ts. The core never imports a
 * platform, and platforms never import each other; a new platform needs no change here.
 */
import { dirname, relative, resolve, sep } from 'node:path';

const SHARED = new Set(['commands']);

/** The platform folder a path lies in ('telegram'), or null outside src/bots/<platform>/. */
function platformOf(root, file) {
  const parts = relative(root, file).split(sep);
  if (parts[0] !== 'src' || parts[1] !== 'bots' || parts.length < 4) return null;
  return SHARED.has(parts[2]) ? null : parts[2];
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'platform folders are imported only by themselves and src/bots/registry.ts' },
    messages: { boundary: "{{from}} may not import the {{platform}} platform's {{target}}; go through src/bots/registry.ts (the Platform contract)" },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const own = platformOf(root, file);
    const isRegistry = relative(root, file) === join('src', 'bots', 'registry.ts');
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = resolve(dirname(file), source);
      const platform = platformOf(root, target);
      if (platform === null || platform === own || isRegistry) return;
      context.report({ node, messageId: 'boundary', data: { from: relative(root, file), platform, target: relative(root, target) } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

function join(...parts) {
  return parts.join(sep);
}
