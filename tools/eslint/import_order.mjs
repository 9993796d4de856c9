// ESLint rule `handleguard/import-order`: imports come in three groups — Node's built-ins
// (`node:`), packages, then relative paths — each sorted by path (code-point order), with a
// blank line between groups. The order the repository already follows, so a reader finds an
// import where they expect it; core `sort-imports` orders by the first name instead.
const groupOf = (source) => (source.startsWith('node:') ? 0 : source.startsWith('.') ? 2 : 1);
const GROUP_NAMES = ['Node built-in', 'package', 'relative'];

export const importOrder = {
  meta: {
    type: 'layout',
    docs: { description: 'Group imports (node:, packages, relative) and sort each group by path' },
    schema: [],
  },
  create(context) {
    return {
      Program(program) {
        const imports = program.body.filter((node) => node.type === 'ImportDeclaration');
        for (let i = 1; i < imports.length; i += 1) {
          const previous = imports[i - 1];
          const current = imports[i];
          const [a, b] = [previous.source.value, current.source.value];
          const [groupA, groupB] = [groupOf(a), groupOf(b)];
          if (groupA > groupB) {
            context.report({ node: current, message: `${GROUP_NAMES[groupB]} import '${b}' belongs before ${GROUP_NAMES[groupA]} import '${a}'` });
          } else if (groupA === groupB && a > b) {
            context.report({ node: current, message: `import '${b}' belongs before '${a}' (sorted by path)` });
          } else if (groupA === groupB && current.loc.start.line > previous.loc.end.line + 1) {
            context.report({ node: current, message: `no blank line within the ${GROUP_NAMES[groupB]} imports` });
          } else if (groupA < groupB && current.loc.start.line !== previous.loc.end.line + 2) {
            context.report({ node: current, message: `one blank line between the ${GROUP_NAMES[groupA]} and ${GROUP_NAMES[groupB]} imports` });
          }
        }
      },
    };
  },
};
