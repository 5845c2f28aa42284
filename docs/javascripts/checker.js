/* The symptom checker, one question at a time.
   The page already works without this file: numbered steps, each answer a link to the next.
   This script reads the flow from the JSON beside those steps, keeps the answers in the URL
   fragment (#answers=question:answer,...&ask=question), puts text in the page with
   textContent only, and sends and stores nothing. If anything fails, the steps stay. */
(() => {
  "use strict";
  const KEY = "answers=";
  const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  };

  // The fragment as {known: {question: answer}, ask}; anything that is not ours is ignored.
  const parse = (hash) => {
    const known = Object.create(null);
    let ask = null;
    for (const part of hash.replace(/^#/, "").split("&")) {
      if (part.startsWith(KEY)) {
        for (const pair of part.slice(KEY.length).split(",")) {
          const [question, answer, extra] = pair.split(":");
          if (answer && extra === undefined && !(question in known)) known[question] = answer;
        }
      } else if (part.startsWith("ask=")) ask = part.slice(4);
    }
    return { known, ask };
  };

  // Follow the answers from the start for as long as they fit the flow: an old, edited or
  // shared link shows the longest part of it that is still valid.
  const walk = (flow, { known, ask }) => {
    const path = [];
    let id = flow.start;
    while (has(flow.questions, id) && id !== ask && path.length < 500) {
      const option = flow.questions[id].options.find((o) => o[0] === known[id]);
      if (!option) break;
      path.push([id, option]);
      id = option[2];
    }
    return { path, id };
  };

  // A fragment that keeps every valid answer, so a changed answer keeps the later ones.
  const fragment = (flow, known, ask) => {
    const pairs = [];
    for (const question in known) {
      const options = has(flow.questions, question) ? flow.questions[question].options : [];
      if (options.some((o) => o[0] === known[question])) pairs.push(`${question}:${known[question]}`);
    }
    return `#${KEY}${pairs.join(",")}${ask ? `&ask=${ask}` : ""}`;
  };

  // A link to one step (#checker-<id>, as the flowchart's boxes are) shows that step, after
  // the fewest answers that reach it; without this script it scrolls to the numbered step.
  const route = (flow, target) => {
    const via = new Map([[flow.start, []]]); // a Map's loop also visits what it gains
    for (const [id, answers] of via) {
      if (id === target) return `#${KEY}${answers}&ask=${target}`;
      for (const o of has(flow.questions, id) ? flow.questions[id].options : []) {
        if (!via.has(o[2])) via.set(o[2], [...answers, `${id}:${o[0]}`]);
      }
    }
    return null;
  };

  // Under Node, for its unit tests (tests/checker/checker_script.test.cjs): no page, so no more.
  if (typeof document === "undefined") return void (module.exports = { parse, walk, fragment, route });

  const go = (text, href, className) => {
    const link = el("a", className, text);
    link.href = href;
    link.dataset.go = "";
    return link;
  };

  const render = (root, focus) => {
    const flow = root.checkerFlow;
    const step = location.hash.startsWith("#checker-") && route(flow, location.hash.slice(9));
    if (step) {
      history.replaceState(null, "", step);
      focus = true;
    }
    const state = parse(location.hash);
    const { path, id } = walk(flow, state);
    const view = `${id}|${path.map((step) => step[1][0])}`;
    if (view === root.checkerView) return;
    root.checkerView = view;
    const question = flow.questions[id];
    const app = root.querySelector(".checker__app");
    const heading = el("h2", "checker__title", question ? question.text : `${flow.labels.result}: ${flow.outcomes[id].title}`);
    heading.tabIndex = -1;
    app.replaceChildren(el("p", "checker__progress", question ? `Question ${path.length + 1}` : "Your result"), heading);
    root.classList.toggle("checker--result", !question);
    if (question) {
      if (question.screen) app.append(el("p", "checker__instruction", flow.labels.instruction));
      if (question.hint) {
        const details = el("details", "checker__hint");
        details.append(el("summary", "", flow.labels.hint), el("p", "", question.hint));
        app.append(details);
      }
      const list = el("ul", "checker__options");
      for (const option of question.options) {
        const known = Object.assign(Object.create(null), state.known, { [id]: option[0] });
        const link = go(option[1], fragment(flow, known), "checker__option");
        if (state.known[id] === option[0]) link.setAttribute("aria-current", "true");
        list.append(el("li"));
        list.lastChild.append(link);
      }
      app.append(list);
    } else {
      const section = root.querySelector(`[data-node="${CSS.escape(id)}"] .checker__result`);
      app.append(section.cloneNode(true));
    }
    if (path.length) {
      app.append(el("h3", "", "Your answers"));
      const answers = el("dl", "checker__answers");
      for (const [asked, option] of path) {
        const change = go("Change", fragment(flow, state.known, asked), "checker__change");
        change.append(el("span", "checker__sr", ` your answer to: ${flow.questions[asked].text}`));
        const answer = el("dd", "", `${option[1]} `);
        answer.append(change);
        answers.append(el("dt", "", flow.questions[asked].text), answer);
      }
      const actions = el("p", "checker__actions");
      if (!question) {
        const print = el("button", "md-button md-button--primary", "Print this result");
        print.type = "button";
        print.addEventListener("click", () => window.print());
        actions.append(print, " ");
      }
      // Relative, so a path such as //host/... can never make it a link to another site.
      actions.append(go("Start again", `./${location.pathname.split("/").pop()}${location.search}`, "md-button"));
      app.append(answers, actions);
    }
    root.querySelector(".checker__live").textContent = heading.textContent;
    if (focus) heading.focus();
  };

  const fail = (root) => {
    root.classList.remove("checker--js", "checker--result");
    root.querySelector(".checker__app")?.remove();
  };

  const update = (focus) => {
    for (const root of document.querySelectorAll(".checker--js")) {
      try {
        render(root, focus);
      } catch (error) {
        fail(root);
      }
    }
  };

  const mount = (root) => {
    if (root.hasAttribute("data-checker-ready")) return; // once per element
    root.setAttribute("data-checker-ready", "");
    try {
      root.checkerFlow = JSON.parse(root.querySelector("script.checker__data").textContent);
      const live = el("p", "checker__live checker__sr");
      live.setAttribute("aria-live", "polite");
      root.append(el("div", "checker__app"), live);
      render(root, false);
      root.classList.add("checker--js"); // only now are the numbered steps hidden
      root.addEventListener("click", (event) => {
        const link = event.target.closest("a[data-go]");
        if (!link || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        event.stopPropagation(); // the page's own link handling (instant loading) stays out
        history.pushState(null, "", link.getAttribute("href"));
        update(true);
      });
    } catch (error) {
      fail(root);
    }
  };

  addEventListener("popstate", () => update(true));
  addEventListener("hashchange", () => update(true));
  const mountAll = () => document.querySelectorAll("[data-checker]").forEach(mount);
  if (window.document$) window.document$.subscribe(mountAll); // Material, also after instant loading
  else if (document.readyState === "loading") addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
