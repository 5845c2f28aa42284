/* Escape hides the open meaning of a glossary term (Material's tooltip, shown while the term
   is focused or hovered) without moving focus, as WCAG 1.4.13 asks. It shows again once focus
   or the pointer moves to a term. The hiding rule is in stylesheets/extra.css. */
(() => {
  "use strict";
  const root = document.documentElement;
  addEventListener("keydown", (event) => {
    if (event.key === "Escape") root.classList.add("glossary-dismissed");
  });
  const show = () => root.classList.remove("glossary-dismissed");
  addEventListener("focusin", show);
  addEventListener("pointerover", show);
})();
