// The gallery for designers: each state of each element, light and dark.
import { showState, STATES } from './states/index.ts';

const gallery = document.getElementById('gallery')!;

for (const state of STATES) {
  for (const theme of ['light', 'dark'] as const) {
    const figure = document.createElement('figure');
    const caption = document.createElement('figcaption');
    caption.textContent = `${state.name} · ${theme}`;
    const frame = document.createElement('div');
    frame.className = `frame ${theme}`;
    figure.append(caption, frame);
    gallery.append(figure);
    void showState(frame, state).then((el) => {
      el.setAttribute('theme', theme);
    });
  }
}
