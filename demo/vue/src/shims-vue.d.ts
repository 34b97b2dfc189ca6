// For plain `tsc`, which cannot read .vue files (vue-tsc and Volar don't need this).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
