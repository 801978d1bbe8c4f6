// Unit tests of the plan writers: text, JSON, DOT, Mermaid and the metrics tables.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "onething/catalog.hpp"
#include "onething/plan.hpp"
#include "onething/write.hpp"
#include "write/plan_graph.hpp"
#include "write/plan_svg.hpp"
#include "write/wording.hpp"
#include "write/write_util.hpp"
#include "write/xml_escape.hpp"

using namespace onething;

namespace {

/// Text in English and Chinese.
Text bilingual(std::string en, std::string zh) {
    Text text;
    text.translations.insert_or_assign("en", std::move(en));
    text.translations.insert_or_assign("zh", std::move(zh));
    return text;
}

/// An item of the test catalog.
Item make_item(std::string id, Text name, std::string department, double days) {
    Item item;
    item.id = std::move(id);
    item.name = std::move(name);
    item.department = std::move(department);
    item.duration_days = days;
    return item;
}

/// The catalog of the test plan: four items, two materials, two fields, one bundle.
Catalog test_catalog() {
    std::vector<Item> items{
        make_item("d.review", bilingual("Quota review", "指标审核"), "transport", 4),
        make_item("a.apply", bilingual("Apply", "申请甲"), "civil_affairs", 2),
        make_item("b.check", bilingual("Check \"B\" \\ now", "核查"), "public_security", 3),
        make_item("c.issue", bilingual("Issue", "发证"), "health", 1.5),
    };
    Material record;
    record.id = "birth_record";
    record.name = bilingual("Birth record", "出生记录");
    record.submittable = false;
    Material id_card;
    id_card.id = "id_card";
    id_card.name = bilingual("ID card", "身份证");
    Material register_;
    register_.id = "household_register";
    register_.name = bilingual("Household register", "户口簿");
    register_.e_license = true;
    Field child_name;
    child_name.id = "child.name";
    child_name.label = bilingual("Child's name", "孩子姓名");
    Field child_id;
    child_id.id = "child.id_number";
    child_id.label = bilingual("Child's ID number", "孩子身份证号");
    Bundle bundle;
    bundle.id = "demo";
    bundle.name = bilingual("Demo thing", "演示一件事");
    return Catalog({}, {child_name, child_id}, {record, id_card, register_}, std::move(items),
                   {bundle}, {});
}

/// A planned item with its schedule.
PlannedItem planned(PlanId id, int stage, double start, double finish, double slack, bool critical,
                    std::vector<PlanId> after, std::vector<Reason> reasons) {
    PlannedItem item;
    item.id = id;
    item.stage = stage;
    item.earliest_start = start;
    item.earliest_finish = finish;
    item.latest_start = start + slack;
    item.latest_finish = finish + slack;
    item.slack = slack;
    item.critical = critical;
    item.after = std::move(after);
    item.reasons = std::move(reasons);
    return item;
}

/// The hand-made plan: a -> b -> c (and a redundant a -> c), c -> d with d deferred.
Plan test_plan() {
    using Kind = Reason::Kind;
    Plan plan;
    plan.bundle = "demo";
    plan.optimize = {Metric::visits, Metric::days, Metric::materials};
    plan.search_nodes = 17;
    plan.items = {
        planned("a.apply", 0, 0, 2, 0, true, {}, {{Kind::producer, "b.check", "birth_record"}}),
        planned("b.check", 1, 2, 5, 0, true, {"a.apply"}, {{Kind::prerequisite, "c.issue", ""}}),
        planned("c.issue", 2, 5, 6.5, 0, true, {"a.apply", "b.check"}, {{Kind::goal, "", ""}}),
        planned("d.review", 3, 6.5, 10.5, 0, false, {"c.issue"}, {{Kind::goal, "", ""}}),
    };
    plan.items[3].deferred = true;
    plan.edges = {
        {"a.apply", "b.check", EdgeKind::material, "birth_record"},
        {"a.apply", "c.issue", EdgeKind::field, "child.id_number"},
        {"b.check", "c.issue", EdgeKind::prerequisite, ""},
        {"c.issue", "d.review", EdgeKind::prerequisite, ""},
    };
    plan.stages = {{"a.apply"}, {"b.check"}, {"c.issue"}, {"d.review"}};
    plan.critical_path = {"a.apply", "b.check", "c.issue"};
    plan.outcome_days = 6.5;
    plan.completion_days = 10.5;
    plan.before = {22, 7, 60, 26, 10, 98};
    plan.after = {2, 1, 14, 5, 1, 25};
    plan.materials = {
        {"birth_record", Provision::produced, {"a.apply"}, {"b.check"}},
        {"household_register", Provision::e_license, {}, {"a.apply", "c.issue"}},
        {"id_card", Provision::submitted, {}, {"a.apply"}},
    };
    plan.fields = {
        {"child.id_number", Provision::produced, {"a.apply"}, {"c.issue"}},
        {"child.name", Provision::asked, {}, {"a.apply", "b.check"}},
    };
    plan.choices = {{"a.apply", 1, {"id_card", "passport"}, 0}};
    plan.excluded = {{"e.extra", "prerequisite of c.issue", "child.born_abroad"}};
    return plan;
}

/// The lines of `text`.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) {
        lines.push_back(line);
    }
    return lines;
}

/// True when `text` has a line equal to `line`.
bool has_line(const std::string& text, const std::string& line) {
    auto lines = lines_of(text);
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

/// Edges kept by a reduction computed naively: u->v stays unless v is reachable from u
/// through another successor of u.
std::vector<detail::IndexEdge> naive_reduction(std::size_t vertices,
                                               std::vector<detail::IndexEdge> edges) {
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    std::vector<std::vector<bool>> reach(vertices, std::vector<bool>(vertices, false));
    for (std::size_t from = vertices; from-- > 0;) {  // edges go from lower to higher index
        for (const auto& [u, v] : edges) {
            if (u == from) {
                reach[from][v] = true;
                for (std::size_t w = 0; w < vertices; ++w) {
                    reach[from][w] = reach[from][w] || reach[v][w];
                }
            }
        }
    }
    std::vector<detail::IndexEdge> kept;
    for (const auto& [u, v] : edges) {
        bool other = false;
        for (const auto& [x, w] : edges) {
            other = other || (x == u && w != v && reach[w][v]);
        }
        if (!other) {
            kept.emplace_back(u, v);
        }
    }
    return kept;
}

TEST_CASE("reduction_percent rounds half away from zero and signs a reduction with -", "[write]") {
    CHECK(reduction_percent(22, 2) == "-91%");
    CHECK(reduction_percent(98, 25) == "-74%");
    CHECK(reduction_percent(2, 4) == "+100%");
    CHECK(reduction_percent(5, 5) == "0%");
    CHECK(reduction_percent(0, 3) == "n/a");
    CHECK(reduction_percent(0, 0) == "n/a");
    CHECK(reduction_percent(8, 1) == "-88%");   // 87.5
    CHECK(reduction_percent(8, 9) == "+13%");   // -12.5
    CHECK(reduction_percent(40, 1) == "-98%");  // 97.5
    CHECK(reduction_percent(7, 0) == "-100%");
    CHECK(reduction_percent(1000, 999.996) == "0%");
    CHECK(reduction_percent(2.5, 1) == "-60%");
}

TEST_CASE("numbers and display widths", "[write]") {
    CHECK(detail::format_number(25) == "25");
    CHECK(detail::format_number(-0.0) == "0");
    CHECK(detail::format_number(6.5) == "6.5");
    CHECK(detail::format_number(0.1) == "0.1");
    CHECK(detail::format_number(1.0 / 3) == "0.3333333333333333");
    CHECK(detail::display_width("abc") == 3);
    CHECK(detail::display_width("申请甲") == 6);
    CHECK(detail::display_width("a户口簿b") == 8);
    CHECK(detail::display_width("Ａ") == 2);  // full-width form
    CHECK(detail::display_width("é") == 1);
    CHECK(detail::display_width("한") == 2);  // Hangul syllable
}

TEST_CASE("metrics tables list the six metrics in contract order", "[write]") {
    Plan plan = test_plan();
    CHECK(metrics_to_text(plan) ==
          "metric     before  after  change\n"
          "steps          22      2    -91%\n"
          "forms           7      1    -86%\n"
          "fields         60     14    -77%\n"
          "materials      26      5    -81%\n"
          "visits         10      1    -90%\n"
          "days           98     25    -74%\n");
    CHECK(metrics_to_markdown(plan) ==
          "| metric | before | after | change |\n"
          "|---|---:|---:|---:|\n"
          "| steps | 22 | 2 | -91% |\n"
          "| forms | 7 | 1 | -86% |\n"
          "| fields | 60 | 14 | -77% |\n"
          "| materials | 26 | 5 | -81% |\n"
          "| visits | 10 | 1 | -90% |\n"
          "| days | 98 | 25 | -74% |\n");
    plan.before.days = 0;
    plan.after.days = 2.5;
    CHECK(has_line(metrics_to_text(plan), "days            0    2.5     n/a"));
}

TEST_CASE("every fixed word of the writers is in Chinese and English", "[write]") {
    using detail::Word;
    for (int at = 0; at < static_cast<int>(Word::count); ++at) {
        const auto key = static_cast<Word>(at);
        const std::string zh = detail::word(key, "zh");
        const std::string en = detail::word(key, "en");
        CAPTURE(at, en);
        CHECK(!zh.empty());
        CHECK(!en.empty());
        CHECK(zh != en);
        CHECK(detail::word(key, "fr") == en);  // other languages: English, as names fall back
        CHECK(detail::word(key, "") == en);
    }
    CHECK(std::string(detail::metric_word(Metric::visits, "en")) == metric_name(Metric::visits));
    CHECK(std::string(detail::metric_word(Metric::visits, "zh")) == "跑动次数");
    CHECK(std::string(detail::provision_word(Provision::e_license, "zh")) == "调取电子证照");
    CHECK(detail::phrase(Word::reason_producer, "zh", "m", "x") == "产生 m，供 x 使用");
    CHECK(detail::phrase(Word::reason_producer, "en", "m", "x") == "produces m for x");
}

TEST_CASE("metrics tables in Chinese", "[write]") {
    Plan plan = test_plan();
    CHECK(metrics_to_text(plan, "zh") ==
          "指标                办理前  办理后  变化\n"
          "环节                    22       2  -91%\n"
          "表单                     7       1  -86%\n"
          "填报项                  60      14  -77%\n"
          "材料                    26       5  -81%\n"
          "跑动次数                10       1  -90%\n"
          "办理时限（工作日）      98      25  -74%\n");
    CHECK(metrics_to_markdown(plan, "zh") ==
          "| 指标 | 办理前 | 办理后 | 变化 |\n"
          "|---|---:|---:|---:|\n"
          "| 环节 | 22 | 2 | -91% |\n"
          "| 表单 | 7 | 1 | -86% |\n"
          "| 填报项 | 60 | 14 | -77% |\n"
          "| 材料 | 26 | 5 | -81% |\n"
          "| 跑动次数 | 10 | 1 | -90% |\n"
          "| 办理时限（工作日） | 98 | 25 | -74% |\n");
    CHECK(metrics_to_text(plan, "en") == metrics_to_text(plan));
    plan.before.days = 0;
    plan.after.days = 2.5;
    CHECK(has_line(metrics_to_text(plan, "zh"), "办理时限（工作日）       0     2.5  不适用"));
}

TEST_CASE("plan_to_markdown in English and Chinese", "[write]") {
    Catalog catalog = test_catalog();
    Plan plan = test_plan();
    std::string en = plan_to_markdown(plan, catalog, "en");
    CHECK(en.rfind("# demo: Demo thing\n\n", 0) == 0);
    CHECK(has_line(en,
                   "| stage | item | name | department | days | start | finish | slack | "
                   "critical |"));
    CHECK(has_line(en, "| 1 | `a.apply` | Apply | civil_affairs | 2 | 0 | 2 | 0 | yes |"));
    CHECK(has_line(
        en, "| 4 | `d.review` | Quota review | transport | 4 | 6.5 | 10.5 | 0 | deferred |"));
    CHECK(has_line(en, "Critical path: `a.apply` → `b.check` → `c.issue` (6.5 days)"));
    CHECK(has_line(en, "Materials to submit: ID card (`id_card`)"));
    CHECK(has_line(en, "| metric | before | after | change |"));
    std::string zh = plan_to_markdown(plan, catalog, "zh");
    CHECK(zh.rfind("# demo：演示一件事\n\n", 0) == 0);
    CHECK(has_line(
        zh, "| 阶段 | 事项 | 名称 | 部门 | 时限（工作日） | 开始 | 完成 | 松弛时间 | 关键 |"));
    CHECK(has_line(zh, "| 1 | `a.apply` | 申请甲 | civil_affairs | 2 | 0 | 2 | 0 | 是 |"));
    CHECK(
        has_line(zh, "| 4 | `d.review` | 指标审核 | transport | 4 | 6.5 | 10.5 | 0 | 延后办理 |"));
    CHECK(has_line(zh, "关键路径：`a.apply` → `b.check` → `c.issue`（6.5 个工作日）"));
    CHECK(has_line(zh, "申请人提交的材料：身份证（`id_card`）"));
    CHECK(has_line(zh, "| 指标 | 办理前 | 办理后 | 变化 |"));
    plan.optimal = false;
    plan.search_nodes = 5;
    CHECK(has_line(plan_to_markdown(plan, catalog, "en"),
                   "*Not proven optimal: the search stopped after 5 nodes.*"));
    CHECK(has_line(plan_to_markdown(plan, catalog, "zh"), "*未证明为最优：搜索 5 个节点后停止。*"));
}

TEST_CASE("drawings label days and stages in the language", "[write]") {
    Catalog catalog = test_catalog();
    std::string dot = plan_to_dot(test_plan(), catalog, "zh");
    CHECK(has_line(dot,
                   "        \"a.apply\" [label=\"a.apply\\n申请甲\\n2 个工作日\", "
                   "color=red, penwidth=2];"));
    std::string mermaid = plan_to_mermaid(test_plan(), catalog, "zh");
    CHECK(has_line(mermaid, "    subgraph stage_1 [\"第 1 阶段\"]"));
    CHECK(has_line(mermaid, "        n0[\"a.apply<br/>申请甲<br/>2 个工作日\"]"));
}

TEST_CASE("plan_to_text reports the schedule, reasons, providers and metrics", "[write]") {
    Catalog catalog = test_catalog();
    Plan plan = test_plan();
    std::string text = plan_to_text(plan, catalog, "en");
    auto lines = lines_of(text);
    REQUIRE(!lines.empty());
    CHECK(lines[0] == "bundle demo: Demo thing (optimal, 17 search nodes)");
    CHECK(lines[1] == "optimize: visits, days, materials");
    CHECK(has_line(text, "stage 1"));
    CHECK(has_line(text, "stage 4"));
    CHECK(
        has_line(text, "  item      name             department       days  start  finish  slack"));
    CHECK(has_line(text,
                   "  a.apply   Apply            civil_affairs       2      0       2      0  *"));
    CHECK(has_line(text,
                   "  c.issue   Issue            health            1.5      5     6.5      0  *"));
    CHECK(has_line(text,
                   "  d.review  Quota review     transport           4    6.5    10.5      "
                   "0  (deferred)"));
    CHECK(has_line(text, "critical path: a.apply -> b.check -> c.issue (6.5 days)"));
    CHECK(has_line(text, "outcome: 6.5 days"));
    CHECK(has_line(text, "completion: 10.5 days (deferred items included)"));
    CHECK(has_line(text, "  a.apply   produces birth_record for b.check"));
    CHECK(has_line(text, "  b.check   prerequisite of c.issue"));
    CHECK(has_line(text, "  c.issue   goal"));
    CHECK(has_line(text, "  e.extra  prerequisite of c.issue  when: child.born_abroad"));
    CHECK(has_line(text, "  a.apply  need 2  id_card (ID card)  out of id_card, passport"));
    CHECK(has_line(text, "  to submit (1)"));
    CHECK(has_line(text, "    id_card  ID card  needed by a.apply"));
    CHECK(has_line(text, "  e-licences retrieved (1)"));
    CHECK(has_line(text, "    birth_record  Birth record  from a.apply, needed by b.check"));
    CHECK(has_line(text, "  asked on the merged form (1)"));
    CHECK(has_line(text, "    child.name  Child's name  needed by a.apply, b.check"));
    CHECK(has_line(text, "  steps          22      2    -91%"));
    CHECK(text.back() == '\n');
    CHECK(text.find(" \n") == std::string::npos);  // no trailing blanks
}

TEST_CASE("plan_to_text in Chinese: headings, reasons and names aligned by display width",
          "[write]") {
    Catalog catalog = test_catalog();
    std::string text = plan_to_text(test_plan(), catalog, "zh");
    auto lines = lines_of(text);
    REQUIRE(lines.size() > 2);
    CHECK(lines[0] == "一件事 demo：演示一件事（最优方案，搜索 17 个节点）");
    CHECK(lines[1] == "优化目标：跑动次数、办理时限（工作日）、材料");
    CHECK(has_line(text, "第 1 阶段"));
    CHECK(has_line(text,
                   "  事项      名称      部门             时限（工作日）  开始  完成  松弛时间"));
    CHECK(has_line(
        text, "  a.apply   申请甲    civil_affairs                 2     0     2         0  *"));
    CHECK(has_line(text,
                   "  d.review  指标审核  transport                     4   6.5  10.5         0  "
                   "（延后办理）"));
    CHECK(has_line(text, "* 标记关键事项（办结前没有松弛时间）"));
    CHECK(has_line(text, "关键路径：a.apply -> b.check -> c.issue（6.5 个工作日）"));
    CHECK(has_line(text, "办结用时：6.5 个工作日"));
    CHECK(has_line(text, "全部完成：10.5 个工作日（含延后办理事项）"));
    CHECK(has_line(text, "各事项纳入方案的原因"));
    CHECK(has_line(text, "  a.apply   产生 birth_record，供 b.check 使用"));
    CHECK(has_line(text, "  b.check   c.issue 的前置事项"));
    CHECK(has_line(text, "  c.issue   目标事项"));
    CHECK(has_line(text, "未纳入的事项（条件不成立）"));
    CHECK(has_line(text, "  e.extra  c.issue 的前置事项  条件：child.born_abroad"));
    CHECK(has_line(text, "可替代材料的选择（any_of）"));
    CHECK(has_line(text, "  a.apply  第 2 项材料要求  id_card（身份证）  可选：id_card、passport"));
    CHECK(has_line(text, "材料"));
    CHECK(has_line(text, "  申请人提交（1 项）"));
    CHECK(has_line(text, "    id_card  身份证  使用事项：a.apply"));
    CHECK(has_line(text, "  调取电子证照（1 项）"));
    CHECK(has_line(text, "  由本件事内其他事项产生（1 项）"));
    CHECK(has_line(text, "    birth_record  出生记录  来源：a.apply；使用事项：b.check"));
    CHECK(has_line(text, "填报项"));
    CHECK(has_line(text, "  合并表单填报（1 项）"));
    CHECK(has_line(text, "    child.id_number  孩子身份证号  来源：a.apply；使用事项：c.issue"));
    CHECK(has_line(text, "办理前后对比"));
    CHECK(has_line(text, "  指标                办理前  办理后  变化"));
    CHECK(has_line(text, "  环节                    22       2  -91%"));
    CHECK(has_line(text, "  办理时限（工作日）      98      25  -74%"));
    // No English heading or word is left.
    for (const char* english : {"bundle", "stage", "critical path", "outcome", "why each", "goal",
                                "needed by", "to submit", "before and after", "metric"}) {
        CHECK(text.find(english) == std::string::npos);
    }
    CHECK(text.find(" \n") == std::string::npos);  // no trailing blanks
}

TEST_CASE("plan_to_text: headings are English for a language other than zh", "[write]") {
    Catalog catalog = test_catalog();
    std::string text = plan_to_text(test_plan(), catalog, "fr");
    CHECK(lines_of(text)[0] == "bundle demo: Demo thing (optimal, 17 search nodes)");
    CHECK(has_line(text, "critical path: a.apply -> b.check -> c.issue (6.5 days)"));
}

TEST_CASE("plan_to_text without a known bundle and when not proven optimal", "[write]") {
    Catalog catalog = test_catalog();
    Plan plan = test_plan();
    plan.bundle = "unknown";
    plan.optimal = false;
    plan.search_nodes = 20000;
    CHECK(lines_of(plan_to_text(plan, catalog, "en"))[0] ==
          "bundle unknown (not proven optimal: search stopped after 20000 nodes)");
    CHECK(lines_of(plan_to_text(plan, catalog, "zh"))[0] ==
          "一件事 unknown（未证明为最优：搜索 20000 个节点后停止）");
}

TEST_CASE("plan_to_json follows the documented schema", "[write]") {
    Catalog catalog = test_catalog();
    Plan plan = test_plan();
    std::string text = plan_to_json(plan, catalog, "zh");
    CHECK(text.back() == '\n');
    auto json = nlohmann::ordered_json::parse(text);
    std::vector<std::string> keys;
    for (const auto& [key, value] : json.items()) {
        keys.push_back(key);
    }
    CHECK(keys == std::vector<std::string>{
                      "bundle", "name", "optimal", "search_nodes", "search_work", "optimize",
                      "outcome_days", "completion_days", "critical_path", "stages", "items",
                      "edges", "materials", "fields", "choices", "excluded", "metrics"});
    CHECK(json["name"] == "演示一件事");
    CHECK(json["optimize"] == nlohmann::json::array({"visits", "days", "materials"}));
    CHECK(json["outcome_days"].get<double>() == 6.5);
    CHECK(json["stages"].size() == 4);
    const auto& first = json["items"][0];
    CHECK(first["id"] == "a.apply");
    CHECK(first["name"] == "申请甲");
    CHECK(first["department"] == "civil_affairs");
    CHECK(first["duration_days"].is_number_integer());
    CHECK(first["reasons"][0]["kind"] == "producer");
    CHECK(first["reasons"][0]["material"] == "birth_record");
    CHECK(json["items"][2]["reasons"][0]["item"].is_null());
    CHECK(json["items"][3]["deferred"] == true);
    CHECK(json["edges"].size() == 4);  // JSON keeps every edge; only drawings are reduced
    CHECK(json["edges"][2]["via"].is_null());
    CHECK(json["materials"][1]["provision"] == "e_license");
    CHECK(json["fields"][1]["label"] == "孩子姓名");
    CHECK(json["choices"][0]["material"] == "id_card");
    CHECK(json["excluded"][0]["condition"] == "child.born_abroad");
    std::vector<std::string> metric_keys;
    for (const auto& [key, value] : json["metrics"]["before"].items()) {
        metric_keys.push_back(key);
    }
    CHECK(metric_keys ==
          std::vector<std::string>{"steps", "forms", "fields", "materials", "visits", "days"});
    CHECK(json["metrics"]["after"]["days"].is_number_integer());
    CHECK(json["metrics"]["reduction_percent"]["steps"] == -91);
    CHECK(text.find("\"days\": 25\n") != std::string::npos);  // integers without ".0"
}

TEST_CASE("plan_to_dot ranks stages, marks critical and deferred items, reduces edges", "[write]") {
    Catalog catalog = test_catalog();
    std::string dot = plan_to_dot(test_plan(), catalog, "en");
    CHECK(dot.rfind("digraph plan {\n    rankdir=LR;\n", 0) == 0);
    CHECK(dot.back() == '\n');
    std::size_t ranks = 0;
    for (const auto& line : lines_of(dot)) {
        ranks += line == "        rank=same;" ? 1 : 0;
    }
    CHECK(ranks == 4);
    CHECK(has_line(dot, "    subgraph stage_1 {"));
    CHECK(has_line(dot,
                   "        \"d.review\" [label=\"d.review\\nQuota review\\n4 d\", "
                   "style=dashed];"));
    CHECK(has_line(dot,
                   "        \"b.check\" [label=\"b.check\\nCheck \\\"B\\\" \\\\ now\\n3 d\", "
                   "color=red, penwidth=2];"));
    CHECK(has_line(dot, "    \"a.apply\" -> \"b.check\" [color=red, penwidth=2];"));
    CHECK(has_line(dot, "    \"c.issue\" -> \"d.review\" [style=dashed];"));
    CHECK(dot.find("\"a.apply\" -> \"c.issue\"") == std::string::npos);  // a->b->c covers it
}

TEST_CASE("plan_to_mermaid sanitizes ids and escapes labels", "[write]") {
    Catalog catalog = test_catalog();
    std::string mermaid = plan_to_mermaid(test_plan(), catalog, "en");
    CHECK(mermaid.rfind("flowchart LR\n", 0) == 0);
    CHECK(has_line(mermaid, "    subgraph stage_1 [\"stage 1\"]"));
    CHECK(has_line(mermaid, "        n0[\"a.apply<br/>Apply<br/>2 d\"]"));
    CHECK(has_line(mermaid, "        n1[\"b.check<br/>Check #quot;B#quot; \\ now<br/>3 d\"]"));
    CHECK(has_line(mermaid, "    n0 --> n1"));
    CHECK(has_line(mermaid, "    n2 -.-> n3"));
    CHECK(!has_line(mermaid, "    n0 --> n2"));
    CHECK(has_line(mermaid, "    classDef deferred stroke-dasharray: 5 5"));
    CHECK(has_line(mermaid, "    class n0,n1,n2 critical"));
    CHECK(has_line(mermaid, "    class n3 deferred"));
    CHECK(has_line(mermaid, "    linkStyle 0,1 stroke:#d00,stroke-width:3px"));
    for (const auto& line : lines_of(mermaid)) {
        bool node_line =
            line.find("[\"") != std::string::npos && line.find("subgraph") == std::string::npos;
        if (node_line) {
            CHECK(line.substr(0, line.find('[')).find_first_of(".-") == std::string::npos);
        }
    }
}

TEST_CASE("transitive reduction matches a naive reachability reduction", "[write]") {
    std::mt19937 random(12345);
    for (int round = 0; round < 200; ++round) {
        std::size_t vertices = 1 + random() % 9;
        std::vector<detail::IndexEdge> edges;
        for (std::size_t u = 0; u < vertices; ++u) {
            for (std::size_t v = u + 1; v < vertices; ++v) {
                for (int copies = static_cast<int>(random() % 5) - 2; copies > 0; --copies) {
                    edges.emplace_back(u, v);  // sometimes twice, as material and field edges
                }
            }
        }
        std::shuffle(edges.begin(), edges.end(), random);
        CHECK(detail::transitive_reduction(vertices, edges) == naive_reduction(vertices, edges));
    }
    // Larger and sparser, the vertices numbered in any order (not in topological order).
    for (int round = 0; round < 300; ++round) {
        const std::size_t vertices = 1 + random() % 40;
        std::vector<std::size_t> label(vertices);
        std::iota(label.begin(), label.end(), std::size_t{0});
        std::shuffle(label.begin(), label.end(), random);
        std::vector<detail::IndexEdge> ranked;
        const unsigned density = 1 + random() % 30;  // percent
        for (std::size_t u = 0; u < vertices; ++u) {
            for (std::size_t v = u + 1; v < vertices; ++v) {
                if (random() % 100 < density) {
                    ranked.emplace_back(u, v);
                }
            }
        }
        std::vector<detail::IndexEdge> labelled;
        for (const auto& [u, v] : ranked) {
            labelled.emplace_back(label[u], label[v]);
        }
        std::shuffle(labelled.begin(), labelled.end(), random);
        std::vector<detail::IndexEdge> expected;
        for (const auto& [u, v] : naive_reduction(vertices, ranked)) {
            expected.emplace_back(label[u], label[v]);
        }
        std::sort(expected.begin(), expected.end());
        CHECK(detail::transitive_reduction(vertices, labelled) == expected);
    }
    // A cycle (never in a valid plan) is drawn unreduced rather than failing.
    CHECK(detail::transitive_reduction(2, {{0, 1}, {1, 0}, {0, 1}}).size() == 2);
    CHECK(detail::transitive_reduction(3, {{0, 1}, {1, 1}, {1, 2}}).size() == 3);
}

TEST_CASE("transitive reduction of long plans: a chain, and a fan over it", "[write]") {
    // 200,000 items in a chain, and a first item that every other needs directly. A reduction
    // by reachability bits (Boost's, used before) takes n * n bits here, 5 GB; this one walks
    // the chain once.
    const std::size_t vertices = 200000;
    std::vector<detail::IndexEdge> edges;
    std::vector<detail::IndexEdge> chain;
    for (std::size_t vertex = 1; vertex < vertices; ++vertex) {
        edges.emplace_back(0, vertex);
        if (vertex + 1 < vertices) {
            edges.emplace_back(vertex, vertex + 1);
            chain.emplace_back(vertex, vertex + 1);
        }
    }
    std::vector<detail::IndexEdge> expected{{0, 1}};
    expected.insert(expected.end(), chain.begin(), chain.end());
    CHECK(detail::transitive_reduction(vertices, edges) == expected);
    CHECK(detail::transitive_reduction(vertices, chain) == chain);
}

TEST_CASE("writers are deterministic and cope with an empty plan", "[write]") {
    Catalog catalog = test_catalog();
    Plan plan = test_plan();
    for (const char* language : {"en", "zh"}) {
        CHECK(plan_to_text(plan, catalog, language) == plan_to_text(plan, catalog, language));
        CHECK(plan_to_json(plan, catalog, language) == plan_to_json(plan, catalog, language));
        CHECK(plan_to_dot(plan, catalog, language) == plan_to_dot(plan, catalog, language));
        CHECK(plan_to_mermaid(plan, catalog, language) == plan_to_mermaid(plan, catalog, language));
    }
    Plan empty;
    empty.bundle = "demo";
    Catalog none;
    for (const std::string& out :
         {plan_to_text(empty, none, "en"), plan_to_json(empty, none, "en"),
          plan_to_dot(empty, none, "en"), plan_to_mermaid(empty, none, "en"),
          metrics_to_text(empty), metrics_to_markdown(empty)}) {
        REQUIRE(!out.empty());
        CHECK(out.back() == '\n');
    }
    CHECK(has_line(plan_to_text(empty, none, "en"), "critical path: none (0 days)"));
    CHECK(has_line(plan_to_text(empty, none, "zh"), "关键路径：无（0 个工作日）"));
    CHECK(has_line(plan_to_text(empty, none, "zh"), "  （无）"));
    CHECK(nlohmann::json::parse(plan_to_json(empty, none, "en"))["name"].is_null());
}

TEST_CASE("the HTML page is self-contained, escaped and deterministic", "[write][html]") {
    const Catalog catalog = test_catalog();
    const Plan plan = test_plan();
    const std::string page = plan_to_html(plan, catalog, "en");
    CHECK(page == plan_to_html(plan, catalog, "en"));
    CHECK(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    // No script, no reference outside the page (the SVG namespace is a name, not a fetch).
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("src=") == std::string::npos);
    CHECK(page.find("href=") == std::string::npos);
    CHECK(page.find("url(") == std::string::npos);
    CHECK(page.find("@import") == std::string::npos);
    // A name from the rules is escaped: `Check "B" \ now`.
    CHECK(page.find("Check &quot;B&quot; \\ now") != std::string::npos);
    CHECK(page.find("Check \"B\"") == std::string::npos);
    for (const char* section : {"metrics", "schedule", "graph", "materials", "fields"}) {
        CHECK(page.find("<section id=\"" + std::string(section) + "\">") != std::string::npos);
    }
    const std::string zh = plan_to_html(plan, catalog, "zh");
    CHECK(zh.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(zh.find("演示一件事") != std::string::npos);
}

TEST_CASE("the schedule marks the critical path, slack, deferred items and the outcome",
          "[write][svg]") {
    const Catalog catalog = test_catalog();
    const Plan plan = test_plan();
    const std::string svg = detail::schedule_svg(plan, catalog, "en");
    CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure schedule\""));
    CHECK(svg.find("class=\"item critical\" data-item=\"a.apply\"") != std::string::npos);
    CHECK(svg.find("class=\"item deferred\" data-item=\"d.review\"") != std::string::npos);
    CHECK(svg.find("outcome: day 6.5") != std::string::npos);
    CHECK(svg.find(" style=") == std::string::npos);  // colours as attributes: CSP-proof
    // One bar per item, in start order.
    CHECK(svg.find("data-item=\"a.apply\"") < svg.find("data-item=\"b.check\""));
    CHECK(svg.find("data-item=\"c.issue\"") < svg.find("data-item=\"d.review\""));
}

TEST_CASE("the graph draws the reduced edges by stage", "[write][svg]") {
    const Catalog catalog = test_catalog();
    const Plan plan = test_plan();
    const std::string svg = detail::graph_svg(plan, catalog, "zh");
    // a -> c is implied by a -> b -> c: three edges drawn, not four.
    std::size_t edges = 0;
    for (std::size_t at = svg.find("<g class=\"edge"); at != std::string::npos;
         at = svg.find("<g class=\"edge", at + 1)) {
        ++edges;
    }
    CHECK(edges == 3);
    CHECK(svg.find("第 4 阶段") != std::string::npos);
    CHECK(svg.find("申请甲") != std::string::npos);
}

TEST_CASE("xml_escape and the figures' texts", "[write][svg]") {
    CHECK(detail::xml_escape("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
    // Bytes pass through HTML; XML replaces what it cannot carry and escapes by place.
    const std::string odd = "'\"\t\n\r\x01\xFF\xEF\xBF\xBE&";
    CHECK(detail::xml_escape(odd) == "&#39;&quot;\t\n\r\x01\xFF\xEF\xBF\xBE&amp;");
    CHECK(detail::xml_escape(odd, detail::Escaping::xml_text) ==
          "'\"\t\n&#13;\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD&amp;");
    CHECK(detail::xml_escape(odd, detail::Escaping::xml_attribute) ==
          "&apos;&quot;&#9;&#10;&#13;\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD&amp;");
    const std::string bars = detail::change_bars_svg(
        "t<", {{"one", -69.0}, {"two", std::nullopt}, {"<three>", 40.0}}, -50.0, "en");
    CHECK(bars.find("t&lt;") != std::string::npos);
    CHECK(bars.find("&lt;three&gt;") != std::string::npos);
    CHECK(bars.find("-69%") != std::string::npos);
    CHECK(bars.find("+40%") != std::string::npos);
    CHECK(bars.find("class=\"increase\"") != std::string::npos);
    CHECK(bars.find("n/a") != std::string::npos);
}

TEST_CASE("a table row keeps a line break or tab of a name on its line", "[write]") {
    using detail::one_line;
    CHECK(one_line("a\nb\tc") == "a b c");
    const std::vector<std::string> lines =
        detail::table_lines({{"id", "name"}, {"b", "B\nsecond\tpart"}}, {}, "  ");
    REQUIRE(lines.size() == 2);
    CHECK(lines[1] == "  b   B second part");
    CHECK(lines[0] == "  id  name");
}

TEST_CASE("markdown_escape shows a name as written, never as markup or HTML", "[write]") {
    CHECK(
        detail::markdown_escape("Card\\|new _draft_ <img src=x onerror=alert(1)> [l](js:x) &lt;") ==
        "Card\\\\\\|new \\_draft\\_ \\<img src=x onerror=alert(1)> \\[l\\](js:x) \\&lt;");
    CHECK(detail::markdown_escape("出生医学证明") == "出生医学证明");
}
