// Write SITE_DIR/sw.js: the service worker that lets a reader open every page of the built
// guide, its search and its checker with no signal, after one visit over http(s).
//
// Usage: node scripts/tools/make_sw.cjs SITE_DIR   (after `mkdocs build`; make build runs it)
//
// Workbox's generateSW lists the files to precache with a revision (a hash of each file), so a
// new build replaces exactly what changed. The worker is one file (runtime inlined) at the
// site's root: its scope is the site's folder, whatever the path of site_url.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { generateSW } = require("workbox-build");

const SW = "sw.js";
// The one file reading needs that is not precached (about 700 KB gzipped, more than all the
// pages together: tools/make_pdf.py's PDF_NAME). Offline, its link shows this page instead
// (overrides/pdf-offline.html). A RegExp, as the worker gets the pattern's source text.
const PDF = /\/lower-back-heat-guide\.pdf$/;
const PDF_OFFLINE_PAGE = "pdf-offline.html";

// What a reader's browser uses over http(s). Everything else is left out.
const GLOB_PATTERNS = ["**/*.{html,css,js,json,png,webmanifest}"];
const GLOB_IGNORES = [
  SW,
  "**/*.map", // source maps: only for developer tools
  "assets/javascripts/lunr/**", // search in other languages (this guide is in English)
  "search/search_index.js", // the search index for file:// only; http(s) reads the .json
  "404.html", // served by the host for a missing address, never opened from a link
  "print_page.html", // the page the PDF is printed from, and its own files:
  "css/print-site*.css",
  "js/print-site.js",
];

/** The options of generateSW; `listed` receives the URLs it precaches. */
function options(site, swDest, listed) {
  return {
    globDirectory: site,
    globPatterns: GLOB_PATTERNS,
    globIgnores: GLOB_IGNORES,
    swDest,
    inlineWorkboxRuntime: true,
    sourcemap: false,
    mode: "production",
    // A new version takes over as soon as it has every file, and its first act is to drop the
    // previous version's files, so the next page opened (or a reload) is wholly new. Waiting
    // until every tab is closed would keep a home-screen app on old advice for weeks.
    skipWaiting: true,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    // Material's files carry a hash in their names: the copy the first page already loaded
    // into the browser's HTTP cache is the right one, so it is not fetched a second time.
    dontCacheBustURLsMatching: /\.[0-9a-f]{8}\.min\.(?:js|css)$/,
    // A static host returns the same file whatever the query: search results add ?h=word.
    ignoreURLParametersMatching: [/.*/],
    runtimeCaching: [
      {
        urlPattern: PDF,
        handler: "NetworkOnly",
        options: { precacheFallback: { fallbackURL: PDF_OFFLINE_PAGE } },
      },
    ],
    manifestTransforms: [
      (manifest) => {
        listed.push(...manifest.map((entry) => entry.url));
        return { manifest, warnings: [] };
      },
    ],
  };
}

/** Bytes a first visit fetches in the background, each file gzipped as hosts serve it. */
function gzippedBytes(site, filePaths) {
  return filePaths
    .map((file) => zlib.gzipSync(fs.readFileSync(path.join(site, file))).length)
    .reduce((sum, size) => sum + size, 0);
}

async function makeServiceWorker(site) {
  if (!fs.existsSync(path.join(site, "index.html"))) {
    throw new Error(`${site}: no index.html; build the site first (mkdocs build)`);
  }
  if (!fs.existsSync(path.join(site, PDF_OFFLINE_PAGE))) {
    throw new Error(`${site}: no ${PDF_OFFLINE_PAGE}; it is built from overrides/`);
  }
  // Written beside sw.js, then renamed: a failure never leaves a half-written worker.
  // (Workbox wants a name ending in .js; glob skips dot files.)
  const partial = path.join(site, ".sw.partial.js");
  try {
    const listed = [];
    const { count, size, warnings } = await generateSW(options(site, partial, listed));
    if (warnings.length > 0) {
      throw new Error(warnings.join("; "));
    }
    fs.renameSync(partial, path.join(site, SW));
    const gzipped = gzippedBytes(site, listed);
    const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
    console.log(`${SW}: precaches ${count} files, ${kb(size)} (${kb(gzipped)} gzipped)`);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

if (process.argv.length !== 3) {
  console.error("usage: node scripts/tools/make_sw.cjs SITE_DIR");
  process.exit(2);
}
makeServiceWorker(process.argv[2]).catch((error) => {
  console.error(`make_sw: ${error.message}`);
  process.exit(1);
});
