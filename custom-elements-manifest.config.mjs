// `npm run analyze` writes custom-elements.json from the element's JSDoc and
// static properties, for editors, Storybook and framework tooling.
import { readFileSync } from 'node:fs';

/** @type {{ elements: { folder: string, define: string }[] }} */
const { elements } = JSON.parse(readFileSync(new URL('./src/elements.json', import.meta.url), 'utf8'));

/**
 * The analyzer reads every entry of `static properties` as public and every
 * `dispatchEvent(new CustomEvent(type…))` as an event named `type`: keep the
 * manifest to the public API (private state, `lang`, the generic emitter out).
 */
const publicApiOnly = {
  name: 'public-api-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (!declaration.customElement) continue;
        // The shared base class is no element of its own: its members show on the three that are.
        if (!declaration.tagName) {
          delete declaration.customElement;
          continue;
        }
        const hidden = new Set(
          (declaration.members ?? [])
            .filter((member) => member.privacy === 'private' || member.privacy === 'protected' || member.name.startsWith('#'))
            .map((member) => member.name),
        );
        declaration.members = (declaration.members ?? []).filter((member) => !hidden.has(member.name));
        declaration.attributes = (declaration.attributes ?? []).filter(
          (attribute) => !hidden.has(attribute.fieldName) && attribute.name !== 'lang',
        );
        declaration.events = (declaration.events ?? []).filter((event) => event.name !== 'type');
      }
    }
  },
};

/** Point the manifest at what the package ships (`dist/*.js`), not at the TypeScript sources. */
const distPaths = {
  name: 'dist-paths',
  packageLinkPhase({ customElementsManifest }) {
    const visit = (node) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && /^\/?src\/.*\.[jt]s$/.test(value)) {
          node[key] = value.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/$1.js');
        } else visit(value);
      }
    };
    visit(customElementsManifest);
  },
};

export default {
  // Each element's folder (its class and its registration), the base class they share, the entry.
  globs: [...elements.map((element) => `src/${element.folder}/*.ts`), 'src/element/mfa-element.ts', 'src/index.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [publicApiOnly, distPaths],
};
