// The studio: pick a bundle, answer the guide's questions, see the plan, the figures and the
// merged form change; fill the form (validated by the browser as its JSON Schema says) and see
// the answers dispatched per department. Plain JavaScript over the service's own endpoints;
// every text from the rules goes through textContent, never through HTML.
"use strict";

const TEXT = {
  zh: {
    title: "一件事一次办 · 工作台", bundle: "一件事", language: "语言", questions: "情形问答",
    "questions-hint": "回答问题，方案随之更新。", metrics: "办理前后对比", schedule: "办理进度",
    graph: "事项关系图", materials: "材料", form: "合并后的一张表",
    "form-hint": "按表单的 JSON Schema 生成，并按其约束在浏览器中校验。", dispatch: "分送各部门",
    gate: "决定是否适用", default: "默认：", decides: "影响 {n} 个事项", yes: "是", no: "否",
    choose: "请选择", submit: "提交", planning: "正在更新方案…", planned: "方案已更新：{n} 个事项",
    "no-questions": "无需再回答问题：已可确定方案。", metric: "指标", before: "办理前",
    after: "办理后", reduction: "变化", steps: "环节", forms: "表单", fields: "填报项",
    "materials-metric": "材料", visits: "跑动次数", days: "办理时限（工作日）",
    submitted: "申请人提交", e_license: "调取电子证照", produced: "一件事内部产生", none: "无",
    "no-fields": "无需填写任何字段。", pattern: "格式不符合要求（{p}）",
    "no-bundles": "目录中没有一件事：规则文件未定义任何 bundles。",
    "unknown-bundle": "目录中没有一件事“{id}”，现显示“{shown}”。",
    unreachable: "无法连接服务（{reason}）：服务恢复后再次作答即可。",
    "integer-range": "整数须在 -9223372036854775808 到 9223372036854775807 之间",
    "service-only": "格式 {p} 由服务端校验（浏览器无法读取）",
    "too-short": "至少 {n} 个字符", "too-long": "最多 {n} 个字符",
    critical: "关键路径：{path}（{days} 个工作日）", dispatched: "已分送 {n} 个部门",
    "fields-of": "字段", "materials-of": "材料", pending: "由 {item} 产生", "not-planned": "暂无方案",
    "answer-first": "还有 {n} 个问题需要回答（标“必答”），之后显示方案。", needed: "必答",
  },
  en: {
    title: "One thing, one go · Studio", bundle: "Bundle", language: "Language",
    questions: "Your situation", "questions-hint": "Answer the questions; the plan follows.",
    metrics: "Before and after", schedule: "Schedule", graph: "Dependency graph",
    materials: "Materials", form: "The one merged form",
    "form-hint": "Drawn from the form's JSON Schema and checked by the browser as it says.",
    dispatch: "Dispatch per department", gate: "decides whether the bundle applies",
    default: "default: ", decides: "decides {n} items", "decides-one": "decides {n} item",
    yes: "yes", no: "no", choose: "choose", submit: "Submit", planning: "Planning…",
    planned: "Plan updated: {n} items", "planned-one": "Plan updated: {n} item",
    "no-questions": "No open questions: the answers decide the plan.", metric: "metric",
    before: "before", after: "after", reduction: "change", steps: "steps", forms: "forms",
    fields: "fields", "materials-metric": "materials", visits: "visits", days: "days",
    submitted: "to submit", e_license: "e-licences retrieved", produced: "produced inside the bundle",
    none: "none", "no-fields": "No field to fill in.", pattern: "does not match the pattern {p}",
    "no-bundles": "The catalog has no bundle: its rule files define none.",
    "unknown-bundle": "The catalog has no bundle “{id}”: showing “{shown}” instead.",
    unreachable: "The service cannot be reached ({reason}): answer again once it is back.",
    "integer-range": "a whole number from -9223372036854775808 to 9223372036854775807",
    "service-only": "the pattern {p} is checked by the service only (the browser cannot read it)",
    "too-short": "at least {n} characters", "too-long": "at most {n} characters",
    critical: "Critical path: {path} ({days} days)", "critical-one": "Critical path: {path} ({days} day)",
    dispatched: "Dispatched to {n} departments", "dispatched-one": "Dispatched to {n} department",
    "fields-of": "fields", "materials-of": "materials", pending: "produced by {item}",
    "not-planned": "no plan yet",
    "answer-first": "{n} questions (marked “needed”) have no default: answer them to see the plan.",
    "answer-first-one": "{n} question (marked “needed”) has no default: answer it to see the plan.",
    needed: "needed",
  },
};

const METRICS = ["steps", "forms", "fields", "materials", "visits", "days"];

const state = {
  bundle: "",
  lang: "zh",
  facts: {},            // the answered facts only: a default is not an answer
  known: new Map(),     // fact id -> the last question the guide gave for it
  order: [],            // facts shown, in the order the guide first asked them
  plan: null,           // the last plan JSON
  typed: new Map(),     // form field id -> the value last typed or chosen, across new plans
  sequence: 0,          // answers of older requests are dropped
};

const $ = (id) => document.getElementById(id);

// Whether `object` has `key` as its own property. Ids from the catalog can be the names of
// built-in properties (`constructor`, `toString` for values): `key in object` would find those.
const has = (object, key) => object !== null && object !== undefined && Object.hasOwn(object, key);

// The text `key` in the page's language, its {name}s filled in from `values` in one pass, as
// they are: a value's own "{days}" is not filled in again, and "$&", "$'", "$$" in a name or
// a pattern are not replacement patterns (a replacement function takes them literally).
function t(key, values) {
  const texts = TEXT[state.lang] || TEXT.en;
  // A count of one takes the text's singular form where the language has one ("1 item").
  const one = has(values, "n") ? values.n === 1 : has(values, "days") && values.days === 1;
  const chosen = one && has(texts, key + "-one") ? key + "-one" : key;
  const text = has(texts, chosen) ? texts[chosen] : key;
  return text.replace(/\{([a-z]+)\}/g, (whole, name) => has(values, name) ? String(values[name]) : whole);
}

// An element with attributes ("text" sets textContent, "for" htmlFor) and children.
function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") element.textContent = value;
    else if (name === "class") element.className = value;
    else if (name === "for") element.htmlFor = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) element.append(child);
  }
  return element;
}

// ---- whole numbers past 2^53 -------------------------------------------------------------
// A JavaScript number holds whole numbers exactly up to 2^53; integer fields take -2^63 to
// 2^63 - 1. Such a number typed (or received) is kept as its digits, a Digits, written into
// the request's JSON text as they are.

class Digits {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

const INTEGER = /^-?[0-9]+$/;
const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// The whole number `raw` (decimal digits, an optional minus) as a number when that is exact,
// else as Digits; null when it is past the 64-bit range.
function exactInteger(raw) {
  const value = BigInt(raw);
  if (value < INT64_MIN || value > INT64_MAX) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : new Digits(value.toString());
}

// JSON text of `value`, as JSON.stringify writes it, but a Digits as its digits.
function jsonText(value) {
  if (value instanceof Digits) return value.text;
  if (Array.isArray(value)) return `[${value.map((entry) => jsonText(entry === undefined ? null : entry)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value).filter(([, entry]) => entry !== undefined);
    return `{${members.map(([key, entry]) => `${JSON.stringify(key)}:${jsonText(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

// JSON.parse keeping whole numbers past 2^53 as Digits, where the browser gives the reviver
// the number's source text.
function parseJson(text) {
  return JSON.parse(text, (key, value, context) =>
    typeof value === "number" && !Number.isSafeInteger(value) && context &&
    typeof context.source === "string" && INTEGER.test(context.source) ? new Digits(context.source) : value);
}

// The service's answer to `path` (a POST of `body` when given); status 0, with the reason, when
// the service cannot be reached (stopped, or the network down): the caller shows it as it
// shows any failed answer, never left planning.
async function call(path, body) {
  let response;
  let text;
  try {
    response = await fetch(path, body === undefined ? {} : {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: jsonText(body),
    });
    text = await response.text();
  } catch (error) {
    return {ok: false, status: 0, data: null, text: "", reason: String(error.message || error)};
  }
  let data = null;
  if ((response.headers.get("Content-Type") || "").startsWith("application/json")) {
    try { data = parseJson(text); } catch (error) { data = null; }
  }
  return {ok: response.ok, status: response.status, data, text};
}

function errorText(answer) {
  if (answer.status === 0) return t("unreachable", {reason: answer.reason});
  if (answer.data && Array.isArray(answer.data.errors)) {
    return answer.data.errors.map((error) => error.message).join("\n");
  }
  return `HTTP ${answer.status}`;
}

function setStatus(text, error) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", Boolean(error));
}

// A note that stays above the status until the bundle is picked again (the address asked for
// a bundle the catalog does not have); "" hides it.
function setNotice(text) {
  const notice = $("notice");
  notice.textContent = text;
  notice.hidden = text === "";
}

function applyTexts() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = t("title");
  for (const node of document.querySelectorAll("[data-text]")) {
    node.textContent = t(node.dataset.text);
  }
}

function requestBody(extra) {
  return Object.assign({bundle: state.bundle, facts: state.facts, lang: state.lang}, extra || {});
}

// ---- bundles ----------------------------------------------------------------------------

async function loadBundles(wanted) {
  const answer = await call(`/v1/bundles?lang=${encodeURIComponent(state.lang)}`);
  if (!answer.ok) {
    setStatus(errorText(answer), true);
    return;
  }
  const select = $("bundle");
  select.replaceChildren();
  for (const bundle of answer.data.bundles) {
    select.append(el("option", {value: bundle.id, text: `${isolated(bundle.name)} (${bundle.id})`}));
  }
  const ids = answer.data.bundles.map((bundle) => bundle.id);
  const chosen = ids.includes(wanted) ? wanted : ids[0];
  // Asked for by the address and not in the catalog (a link to a bundle since removed, a
  // typo): said, not silently replaced by the first.
  const unknown = typeof wanted === "string" && wanted !== "" && !ids.includes(wanted);
  setNotice(unknown && chosen !== undefined ?
    t("unknown-bundle", {id: wanted, shown: select.options[0].text}) : "");
  if (chosen === undefined) {
    // Nothing to pick: say so rather than show an empty page.
    state.bundle = "";
    $("questions").replaceChildren();
    $("dispatch").replaceChildren();
    clearPlan();
    setStatus(t("no-bundles"), true);
    return;
  }
  select.value = chosen;
  await selectBundle(chosen, chosen === state.bundle);
}

async function selectBundle(id, keepFacts) {
  if (!keepFacts) {
    state.facts = {};
    state.known = new Map();
    state.order = [];
    state.typed = new Map();
    $("answers").replaceChildren();
  } else {
    // Same bundle, maybe another language: the questions already answered are worded again
    // from the guide without answers (it lists every question that can matter).
    const all = await call("/v1/guide", {bundle: id, facts: {}, lang: state.lang});
    if (all.ok) {
      for (const question of all.data.questions) {
        if (state.known.has(question.fact)) state.known.set(question.fact, question);
      }
    }
  }
  state.bundle = id;
  const url = new URL(location.href);
  url.searchParams.set("bundle", id);
  url.searchParams.set("lang", state.lang);
  history.replaceState(null, "", url);
  $("dispatch").replaceChildren();
  await refresh();
}

// ---- the guide's questions ----------------------------------------------------------------

function typedFact(question, raw) {
  if (raw === "") return undefined;
  switch (question.type) {
    case "bool": return raw === "true";
    case "int": {
      // Digits as typed, however large (the service says when they are out of range).
      if (INTEGER.test(raw)) return exactInteger(raw) ?? new Digits(BigInt(raw).toString());
      // Any other number as typed (5.5, 1e3), for the service to refuse in the words of the
      // command line ("must be a decimal integer"), never dropped or rounded here.
      const text = raw.replace(/^(-?)\./, "$10.");
      return JSON_NUMBER.test(text) ? new Digits(text) : undefined;
    }
    case "number": {
      const value = Number(raw);
      return Number.isFinite(value) ? value : undefined;
    }
    default: return raw;
  }
}

function answer(question, raw) {
  const value = typedFact(question, raw);
  if (value === undefined) delete state.facts[question.fact];
  else state.facts[question.fact] = value;
  refresh();
}

function questionControl(question) {
  const fact = question.fact;
  const answered = has(state.facts, fact);
  const current = answered ? state.facts[fact] : question.default;
  const text = question.question || fact;
  const notes = [];
  if (question.gate) notes.push(el("span", {class: "tag", text: t("gate")}));
  if (needsAnswer(question)) notes.push(el("span", {class: "tag needed", text: t("needed")}));
  const details = [];
  if (question.default !== undefined) {
    details.push(el("span", {class: "default", text: t("default") + displayValue(question, question.default)}));
  }
  if (question.decides && question.decides.length) {
    details.push(el("span", {class: "decides", text: t("decides", {n: question.decides.length})}));
  }
  const base = "q-" + fact;
  if (question.type === "bool" || question.type === "enum") {
    const values = question.type === "bool" ? [true, false] : question.values || [];
    const box = el("fieldset", {class: "question" + (question.gate ? " gate" : ""), "data-fact": fact},
                   el("legend", {text}, ...notes));
    values.forEach((value, index) => {
      const id = `${base}-${index}`;
      const input = el("input", {type: "radio", name: fact, id, value: String(value),
                                 checked: current !== undefined && current === value});
      input.addEventListener("change", () => answer(question, input.value));
      box.append(el("span", {class: "choice"}, input,
                    el("label", {for: id, text: displayValue(question, value)})));
    });
    box.append(...details);
    return box;
  }
  const input = el("input", {
    id: base, name: fact,
    type: question.type === "date" ? "date" : question.type === "int" || question.type === "number" ? "number" : "text",
    step: question.type === "int" ? "1" : question.type === "number" ? "any" : null,
    value: current === undefined ? "" : String(current),
  });
  input.addEventListener("change", () => answer(question, input.value.trim()));
  return el("div", {class: "question" + (question.gate ? " gate" : ""), "data-fact": fact},
            el("label", {for: base, text}, ...notes), el("br"), input, ...details);
}

function displayValue(question, value) {
  if (question.type === "bool") return value ? t("yes") : t("no");
  if (has(question.labels, value) && question.labels[value]) return question.labels[value];
  return String(value);
}

function renderQuestions(open) {
  const openFacts = new Set(open.map((question) => question.fact));
  for (const question of open) state.known.set(question.fact, question);
  state.order = state.order.filter((fact) => has(state.facts, fact) || openFacts.has(fact));
  for (const question of open) {
    if (!state.order.includes(question.fact)) state.order.push(question.fact);
  }
  const form = $("questions");
  const focused = document.activeElement && form.contains(document.activeElement) ? document.activeElement.id : null;
  form.replaceChildren();
  for (const fact of state.order) form.append(questionControl(state.known.get(fact)));
  if (open.length === 0) form.append(el("p", {class: "hint", text: t("no-questions")}));
  if (focused && $(focused)) $(focused).focus();
}

// ---- the plan ---------------------------------------------------------------------------

// A name set in running text, isolated (FSI ... PDI, UAX #9): a right-to-left name (Uyghur,
// Arabic, Hebrew) keeps its place among the arrows, commas and ids around it, which would
// otherwise join its run and be reordered with it.
function isolated(text) {
  return "\u2068" + text + "\u2069";
}

// An item's name in the plan (its id when it has none), isolated for running text.
function itemName(id) {
  const item = state.plan && state.plan.items.find((candidate) => candidate.id === id);
  return isolated(item && item.name ? item.name : id);
}

function renderMetrics(plan) {
  const table = $("metrics");
  table.replaceChildren();
  table.append(el("thead", {}, el("tr", {},
    el("th", {text: t("metric")}), el("th", {class: "number", text: t("before")}),
    el("th", {class: "number", text: t("after")}), el("th", {class: "number", text: t("reduction")}))));
  const body = el("tbody");
  for (const metric of METRICS) {
    const change = plan.metrics.reduction_percent[metric];
    body.append(el("tr", {"data-metric": metric},
      el("td", {text: t(metric === "materials" ? "materials-metric" : metric)}),
      el("td", {class: "number", text: String(plan.metrics.before[metric])}),
      el("td", {class: "number", text: String(plan.metrics.after[metric])}),
      el("td", {class: "number", text: change === null || change === undefined ? "–" : `${change}%`})));
  }
  table.append(body);
}

function renderMaterials(plan) {
  const box = $("materials");
  box.replaceChildren();
  for (const provision of ["submitted", "e_license", "produced"]) {
    const uses = plan.materials.filter((use) => use.provision === provision);
    const section = el("section", {"data-provision": provision},
                       el("h3", {text: `${t(provision)} (${uses.length})`}));
    if (uses.length === 0) section.append(el("p", {text: t("none")}));
    const list = el("ul");
    for (const use of uses) {
      const entry = el("li", {}, isolated(use.name || use.material) + " ", el("code", {text: use.material}));
      if (use.producers && use.producers.length) {
        entry.append(" ← " + use.producers.map(itemName).join(state.lang === "zh" ? "、" : ", "));
      }
      list.append(entry);
    }
    if (uses.length) section.append(list);
    box.append(section);
  }
}

function renderFigures(svgText) {
  const boxes = {schedule: $("figure-schedule"), graph: $("figure-graph"), metrics: $("figure-metrics")};
  for (const box of Object.values(boxes)) box.replaceChildren();
  if (!svgText) return;
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  for (const figure of doc.querySelectorAll("svg.figure")) {
    for (const [name, box] of Object.entries(boxes)) {
      if (figure.classList.contains(name)) {
        const node = document.importNode(figure, true);
        node.removeAttribute("y");
        box.append(node);
      }
    }
  }
}

function clearPlan() {
  state.plan = null;
  $("metrics").replaceChildren();
  $("critical-path").textContent = t("not-planned");
  $("materials").replaceChildren();
  keepTyped();
  $("answers").replaceChildren();
  renderFigures("");
}

// A question without a default leaves the plan undecided until it is answered: the plan is
// asked for once every open question has an answer or a default.
function needsAnswer(question) {
  return question.default === undefined && !has(state.facts, question.fact);
}

async function refresh() {
  const sequence = ++state.sequence;
  // The answers changed: a dispatch shown was of the plan before.
  $("dispatch").replaceChildren();
  setStatus(t("planning"));
  const guide = await call("/v1/guide", requestBody());
  if (sequence !== state.sequence) return;  // a newer answer is on its way
  if (!guide.ok) {
    clearPlan();
    setStatus(errorText(guide), true);
    return;
  }
  renderQuestions(guide.data.questions);
  const open = guide.data.questions.filter(needsAnswer);
  if (open.length > 0) {
    clearPlan();
    setStatus(t("answer-first", {n: open.length}));
    return;
  }
  const [plan, svg, form] = await Promise.all([
    call("/v1/plan", requestBody()),
    call("/v1/plan", requestBody({format: "svg"})),
    call("/v1/form", requestBody()),
  ]);
  if (sequence !== state.sequence) return;
  if (!plan.ok) {
    clearPlan();
    setStatus(errorText(plan), true);
    return;
  }
  state.plan = plan.data;
  renderMetrics(plan.data);
  $("critical-path").textContent = t("critical", {
    path: plan.data.critical_path.map(itemName).join(" → "), days: plan.data.outcome_days});
  renderFigures(svg.ok ? svg.text : "");
  renderMaterials(plan.data);
  if (form.ok) renderForm(form.data);
  else $("answers").replaceChildren(el("p", {class: "error", text: errorText(form)}));
  setStatus(t("planned", {n: plan.data.items.length}));
}

// ---- the merged form --------------------------------------------------------------------

function patternsOf(leaf) {
  const patterns = leaf.pattern ? [leaf.pattern] : [];
  for (const part of leaf.allOf || []) if (part.pattern) patterns.push(part.pattern);
  return patterns;
}

// The field's patterns as ECMAScript's Unicode regular expressions: {pattern, regex}, regex
// null for a pattern JavaScript cannot compile (the catalog loads one, such as `(?i)^abc$`,
// with a lint warning): the service checks that one, the page does not.
function compiledPatterns(leaf) {
  return patternsOf(leaf).map((pattern) => {
    try {
      return {pattern, regex: new RegExp(pattern, "u")};
    } catch (error) {
      return {pattern, regex: null};
    }
  });
}

// The schema's string checks the browser has no attribute for, as JSON Schema reads them:
// patterns searched (not anchored) with Unicode semantics, lengths in code points.
function checkText(input, leaf, patterns, message) {
  const value = input.value;
  let problem = "";
  if (value !== "") {
    const length = [...value].length;
    if (leaf.minLength !== undefined && length < leaf.minLength) problem = t("too-short", {n: leaf.minLength});
    else if (leaf.maxLength !== undefined && length > leaf.maxLength) problem = t("too-long", {n: leaf.maxLength});
    else {
      for (const {pattern, regex} of patterns) {
        if (regex && !regex.test(value)) {
          problem = t("pattern", {p: pattern});
          break;
        }
      }
    }
  }
  input.setCustomValidity(problem);
  // An empty control says nothing until the applicant submits (the "invalid" event).
  message.textContent = problem || (value === "" || input.validity.valid ? "" : input.validationMessage);
}

// The min and max attributes of a numeric field. An integer field's bounds are its least and
// greatest whole numbers: with min=0.5 and step=1 a browser would take 1.5, 2.5, ... and refuse
// 1, 2, 3 (the step counts from min), where the schema wants 1, 2, 3 and refuses 1.5.
function numericBounds(kind, leaf) {
  const number = (value) => typeof value === "number" && Number.isFinite(value);
  let min = number(leaf.minimum) ? leaf.minimum : null;
  let max = number(leaf.maximum) ? leaf.maximum : null;
  if (kind !== "integer") return {min, max};
  if (min !== null) min = Math.ceil(min);
  if (max !== null) max = Math.floor(max);
  // Exclusive bounds (not written by onething's forms, but JSON Schema has them).
  if (number(leaf.exclusiveMinimum)) {
    const low = Math.floor(leaf.exclusiveMinimum) + 1;
    min = min === null ? low : Math.max(min, low);
  }
  if (number(leaf.exclusiveMaximum)) {
    const high = Math.ceil(leaf.exclusiveMaximum) - 1;
    max = max === null ? high : Math.min(max, high);
  }
  return {min, max};
}

function fieldControl(id, leaf, note, required) {
  const inputId = "f-" + id;
  const messageId = "m-" + id;
  const kind = note.type || leaf.type;
  const message = el("span", {class: "message", id: messageId, "aria-live": "polite"});
  const notes = [];
  let input;
  if (leaf.oneOf || leaf.enum || kind === "boolean") {
    input = el("select", {class: "answer", id: inputId, name: id, required, "aria-describedby": messageId,
                          "data-kind": kind},
               el("option", {value: "", text: t("choose")}));
    const choices = kind === "boolean" ? [["true", t("yes")], ["false", t("no")]]
      : leaf.oneOf ? leaf.oneOf.map((choice) => [choice.const, choice.title || choice.const])
      : leaf.enum.map((value) => [value, value]);
    for (const [value, title] of choices) input.append(el("option", {value, text: title}));
    if (state.typed.has(id)) input.value = state.typed.get(id);  // "" when no longer a choice
  } else {
    const numeric = kind === "integer" || kind === "number";
    const bounds = numeric ? numericBounds(kind, leaf) : {min: null, max: null};
    input = el("input", {
      id: inputId, name: id, required, "aria-describedby": messageId, "data-kind": kind,
      type: numeric ? "number" : kind === "date" ? "date" : "text",
      step: kind === "integer" ? "1" : kind === "number" ? "any" : null,
      min: bounds.min, max: bounds.max,
    });
    if (state.typed.has(id)) input.value = state.typed.get(id);
    if (kind === "integer") {
      // Digits past the 64-bit range: the browser's own checks see doubles only.
      const checkInteger = () => {
        const raw = input.value;
        input.setCustomValidity(INTEGER.test(raw) && exactInteger(raw) === null ? t("integer-range") : "");
        message.textContent = raw === "" || input.validity.valid ? "" : input.validationMessage;
      };
      input.addEventListener("input", checkInteger);
      checkInteger();
    }
    if (!numeric) {
      const patterns = compiledPatterns(leaf);
      for (const {pattern} of patterns.filter((compiled) => !compiled.regex)) {
        notes.push(el("span", {class: "service-only", text: t("service-only", {p: pattern})}));
      }
      input.addEventListener("input", () => checkText(input, leaf, patterns, message));
      checkText(input, leaf, patterns, message);
    }
  }
  const update = () => { message.textContent = input.validity.valid ? "" : input.validationMessage; };
  input.addEventListener("change", update);
  input.addEventListener("invalid", update);
  if (input.value !== "") update();  // a value kept from the form before
  return el("div", {class: "field"},
            el("label", {for: inputId}, leaf.title || id, el("span", {class: "id", text: id})),
            input, message, ...notes);
}

// Keeps the values of the form's controls, for the form of the next plan.
function keepTyped() {
  for (const control of $("answers").querySelectorAll("[name]")) state.typed.set(control.name, control.value);
}

function renderForm(schema) {
  const form = $("answers");
  keepTyped();
  form.replaceChildren();
  const notes = ((schema.$defs || {}).onething || {}).const || {fields: {}};
  const fields = notes.fields || {};
  let count = 0;
  const walk = (node, path, container) => {
    const required = node.required || [];
    for (const [key, child] of Object.entries(node.properties || {})) {
      const id = path ? `${path}.${key}` : key;
      if (!has(fields, id) && child.type === "object") {
        const group = el("fieldset", {class: "group"}, el("legend", {text: key}));
        walk(child, id, group);
        container.append(group);
      } else {
        container.append(fieldControl(id, child, has(fields, id) ? fields[id] : {}, required.includes(key)));
        count += 1;
      }
    }
  };
  walk(schema, "", form);
  if (count === 0) form.append(el("p", {class: "hint", text: t("no-fields")}));
  form.append(el("button", {type: "submit", text: t("submit")}));
}

function answersOf(form) {
  const answers = {};
  for (const input of form.querySelectorAll("[name]")) {
    const raw = input.value;
    switch (input.dataset.kind) {
      // An integer as typed (its digits when past 2^53); 1e3 or 18.0 as the number read.
      case "integer": answers[input.name] = INTEGER.test(raw) ? exactInteger(raw) : Number(raw); break;
      case "number": answers[input.name] = Number(raw); break;
      case "boolean": answers[input.name] = raw === "true"; break;
      default: answers[input.name] = raw;
    }
  }
  return answers;
}

async function submitAnswers(event) {
  event.preventDefault();  // reached only when the browser found every control valid
  const form = $("answers");
  const sequence = state.sequence;
  const answer = await call("/v1/dispatch", requestBody({answers: answersOf(form), by: "department"}));
  if (sequence !== state.sequence) return;  // the answers changed meanwhile: another plan
  const box = $("dispatch");
  box.replaceChildren();
  if (!answer.ok) {
    box.append(el("p", {class: "error", text: errorText(answer)}));
    return;
  }
  const departments = Object.entries(answer.data);
  box.append(el("p", {role: "status", text: t("dispatched", {n: departments.length})}));
  for (const [department, items] of departments) {
    const section = el("section", {class: "department", "data-department": department},
                       el("h3", {text: department}));
    for (const [item, payload] of Object.entries(items)) {
      section.append(el("h4", {}, itemName(item) + " ", el("code", {text: item})));
      const fieldList = el("ul", {"aria-label": t("fields-of")});
      for (const [field, value] of Object.entries(payload.fields)) {
        fieldList.append(el("li", {}, el("code", {text: field}), ` ${jsonText(value)}`));
      }
      for (const [field, producer] of Object.entries(payload.pending || {})) {
        fieldList.append(el("li", {}, el("code", {text: field}), " " + t("pending", {item: itemName(producer)})));
      }
      section.append(fieldList);
      const materialList = el("ul", {"aria-label": t("materials-of")});
      for (const material of payload.materials) {
        materialList.append(el("li", {}, el("code", {text: material.material}), ` ${t(material.provision)}`));
      }
      section.append(materialList);
    }
    box.append(section);
  }
}

// ---- start ------------------------------------------------------------------------------

async function start() {
  const params = new URLSearchParams(location.search);
  state.lang = params.get("lang") === "en" ? "en" : "zh";
  $("lang").value = state.lang;
  applyTexts();
  $("bundle").addEventListener("change", () => {
    setNotice("");
    selectBundle($("bundle").value, false);
  });
  $("lang").addEventListener("change", () => {
    state.lang = $("lang").value;
    applyTexts();
    loadBundles(state.bundle);
  });
  $("answers").addEventListener("submit", submitAnswers);
  // Enter in a question's input answers it (its change event); the form itself is never sent.
  $("questions").addEventListener("submit", (event) => event.preventDefault());
  await loadBundles(params.get("bundle"));
}

document.addEventListener("DOMContentLoaded", () => {
  start().catch((error) => setStatus(String(error), true));
});
