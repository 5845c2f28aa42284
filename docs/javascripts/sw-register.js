// Keep the guide readable with no signal: register the service worker that
// scripts/tools/make_sw.cjs writes at the site's root when the site is built.
// Opened from disk (file://), or in a browser without service workers, it does nothing.
(() => {
  const script = document.currentScript;
  if (location.protocol === "file:" || !("serviceWorker" in navigator) || !script) return;
  // This file is javascripts/sw-register.js: the worker is one folder up, so its scope is
  // the site's folder whatever the path of site_url.
  const worker = new URL("../sw.js", script.src);
  // After the load event: the worker's downloads never hold up the page being read.
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(worker).catch(() => {
      // Without a worker the guide still works online; there is nothing to tell the reader.
    });
  });
})();
