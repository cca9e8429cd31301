// Report: the Print button. Wired here rather than inline so the page works under a strict CSP.
document.getElementById('print-report').addEventListener('click', () => window.print());
