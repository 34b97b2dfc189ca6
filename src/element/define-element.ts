/**
 * Registers `tag` once. A page may load the package twice (a script tag and
 * an app bundle): the first definition wins. Without a DOM (server
 * rendering) there is nothing to define.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements !== 'undefined' && !customElements.get(tag)) customElements.define(tag, element);
}
