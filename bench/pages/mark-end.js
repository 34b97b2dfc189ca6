// Runs just after the widget's script: the element must be defined by now.
window.benchEval.end = performance.now();
window.benchEval.defined = customElements.get('mfa-otp-enroll') !== undefined;
