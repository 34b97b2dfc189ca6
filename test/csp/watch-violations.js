// Loaded first so it sees every violation, including any while the bundle loads.
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(`${event.effectiveDirective}: ${event.blockedURI || event.sample}`);
});
