// Runs just before the widget's script.
window.benchEval = { start: performance.now() };
