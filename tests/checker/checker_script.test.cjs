// The checker script's pure functions (docs/javascripts/checker.js): reading the address's
// fragment, following it through the flow, writing it back. Run by `make test` and
// `make test-fast`: node --test tests/checker/checker_script.test.cjs
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { parse, walk, fragment, route } = require("../../docs/javascripts/checker.js");

// The shape render.flow_data gives: options are [key, text, next].
const flow = {
  start: "pain",
  questions: {
    pain: { text: "Pain?", options: [["yes", "Yes", "where"], ["no", "No", "result_fine"]] },
    where: { text: "Where?", options: [["back", "Back", "result_back"], ["leg", "Leg", "result_leg"]] },
  },
  outcomes: {
    result_fine: { title: "Fine", urgency: "self-care" },
    result_back: { title: "Back", urgency: "gp" },
    result_leg: { title: "Leg", urgency: "urgent" },
  },
};
const plain = (known) => ({ ...known }); // the parsed answers have no prototype

test("parse reads the answers and the question asked again", () => {
  const state = parse("#answers=pain:yes,where:leg&ask=where");
  assert.deepEqual(plain(state.known), { pain: "yes", where: "leg" });
  assert.equal(state.ask, "where");
});

test("parse of an empty or foreign fragment knows nothing", () => {
  for (const hash of ["", "#", "#top", "#answer=pain:yes", "#ask"]) {
    const state = parse(hash);
    assert.deepEqual(plain(state.known), {}, hash);
    assert.equal(state.ask, null, hash);
  }
});

test("parse keeps the first answer to a question and drops malformed pairs", () => {
  const { known } = parse("#answers=pain:yes,pain:no,where,where:leg:x,ok:");
  assert.deepEqual(plain(known), { pain: "yes" });
});

test("parse cannot reach an object's prototype", () => {
  const { known } = parse("#answers=__proto__:x,constructor:y");
  assert.equal(Object.getPrototypeOf(known), null);
  assert.deepEqual(Object.keys(known).sort(), ["__proto__", "constructor"]);
});

test("walk follows the answers to a result", () => {
  const { path, id } = walk(flow, parse("#answers=pain:yes,where:back"));
  assert.deepEqual(
    path.map(([question, option]) => [question, option[0]]),
    [["pain", "yes"], ["where", "back"]],
  );
  assert.equal(id, "result_back");
});

test("walk stops at the first answer that does not fit the flow", () => {
  assert.equal(walk(flow, parse("#answers=pain:maybe,where:back")).id, "pain");
  assert.equal(walk(flow, parse("#answers=where:back")).id, "pain"); // never asked: ignored
  const { path, id } = walk(flow, parse("#answers=pain:yes,where:arm"));
  assert.equal(path.length, 1);
  assert.equal(id, "where");
});

test("walk stops at the question asked again, keeping the answers after it", () => {
  const state = parse("#answers=pain:yes,where:leg&ask=pain");
  assert.deepEqual(walk(flow, state), { path: [], id: "pain" });
  assert.equal(state.known.where, "leg");
});

test("walk ends on a loop however long the fragment", () => {
  const loop = { start: "q", questions: { q: { text: "Q", options: [["again", "Again", "q"]] } } };
  const { path, id } = walk(loop, parse("#answers=q:again"));
  assert.equal(path.length, 500);
  assert.equal(id, "q");
});

test("fragment keeps every valid answer, drops the rest, and names the question asked", () => {
  assert.equal(fragment(flow, { pain: "yes", where: "leg", elbow: "yes" }), "#answers=pain:yes,where:leg");
  assert.equal(fragment(flow, { pain: "no", where: "arm" }, "where"), "#answers=pain:no&ask=where");
  assert.equal(fragment(flow, {}), "#answers=");
});

test("fragment and parse agree", () => {
  const hash = fragment(flow, { pain: "yes", where: "back" }, "where");
  const state = parse(hash);
  assert.deepEqual(plain(state.known), { pain: "yes", where: "back" });
  assert.equal(state.ask, "where");
  assert.equal(walk(flow, state).id, "where");
});

test("route reaches a step by the fewest answers, and walking them stops there", () => {
  assert.equal(route(flow, "where"), "#answers=pain:yes&ask=where");
  assert.equal(route(flow, "result_leg"), "#answers=pain:yes,where:leg&ask=result_leg");
  assert.equal(route(flow, "pain"), "#answers=&ask=pain");
  const { path, id } = walk(flow, parse(route(flow, "result_back")));
  assert.equal(id, "result_back");
  assert.equal(path.length, 2);
});

test("route to a step that is not in the flow is nothing", () => {
  for (const target of ["nowhere", "__proto__", "index-checker-pain", ""]) {
    assert.equal(route(flow, target), null, target);
  }
});
