// Accessible names that Material for MkDocs leaves empty (axe: aria-dialog-name,
// landmark-unique). A theme fix, not a rule switched off: each element gets the name a
// sighted reader sees.
(() => {
  const search = document.querySelector(".md-search[role=dialog]");
  if (search) search.setAttribute("aria-label", "Search this guide");
  // Section menus point aria-labelledby at an icon-only toggle; name them by their title.
  for (const nav of document.querySelectorAll("nav.md-nav[aria-labelledby]")) {
    const label = document.getElementById(nav.getAttribute("aria-labelledby"));
    const title = nav.querySelector(":scope > .md-nav__title");
    if (label && !label.textContent.trim() && title) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  }
})();
