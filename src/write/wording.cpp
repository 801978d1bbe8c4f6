// The fixed words of the writers.
#include "write/wording.hpp"

#include <array>
#include <cstddef>

#include "onething/write.hpp"

namespace onething::detail {

namespace {

/// One word of the table.
struct Entry {
    Word key;        ///< the word, to check the table's order
    const char* zh;  ///< in Chinese
    const char* en;  ///< in English
};

/// Every word, in the order of `Word`.
constexpr std::array<Entry, static_cast<std::size_t>(Word::count)> words{{
    {Word::list_separator, "、", ", "},
    {Word::name_separator, "：", ": "},
    {Word::open_paren, "（", " ("},
    {Word::close_paren, "）", ")"},
    {Word::none, "无", "none"},
    {Word::not_applicable, "不适用", "n/a"},
    {Word::bundle, "一件事", "bundle"},
    {Word::optimal_note, "（最优方案，搜索 {} 个节点）", " (optimal, {} search nodes)"},
    {Word::not_optimal_note, "（未证明为最优：搜索 {} 个节点后停止）",
     " (not proven optimal: search stopped after {} nodes)"},
    {Word::optimize, "优化目标：", "optimize: "},
    {Word::deferred_mark, "（延后办理）", "(deferred)"},
    {Word::stage_heading, "第 {} 阶段", "stage {}"},
    {Word::column_item, "事项", "item"},
    {Word::column_name, "名称", "name"},
    {Word::column_department, "部门", "department"},
    {Word::column_days, "时限（工作日）", "days"},
    {Word::column_start, "开始", "start"},
    {Word::column_finish, "完成", "finish"},
    {Word::column_slack, "松弛时间", "slack"},
    {Word::column_critical, "关键", "critical"},
    {Word::column_stage, "阶段", "stage"},
    {Word::critical_note, "* 标记关键事项（办结前没有松弛时间）",
     "* marks critical items (no slack before the outcome)"},
    {Word::critical_path, "关键路径：{0}（{1} 个工作日）", "critical path: {0} ({1} days)"},
    {Word::outcome, "办结用时：{} 个工作日", "outcome: {} days"},
    {Word::completion, "全部完成：{} 个工作日（含延后办理事项）",
     "completion: {} days (deferred items included)"},
    {Word::days_count, "（{} 个工作日）", " ({} days)"},
    {Word::reasons_heading, "各事项纳入方案的原因", "why each item is in the plan"},
    {Word::reason_goal, "目标事项", "goal"},
    {Word::reason_prerequisite, "{} 的前置事项", "prerequisite of {}"},
    {Word::reason_producer, "产生 {0}，供 {1} 使用", "produces {0} for {1}"},
    {Word::reason_separator, "；", "; "},
    {Word::no_reason, "（未记录原因）", "(no reason recorded)"},
    {Word::excluded_heading, "未纳入的事项（条件不成立）", "left out (condition false)"},
    {Word::excluded_when, "条件：{}", "when: {}"},
    {Word::choices_heading, "可替代材料的选择（any_of）", "choices among alternatives (any_of)"},
    {Word::choice_need, "第 {} 项材料要求", "need {}"},
    {Word::choice_out_of, "可选：{}", "out of {}"},
    {Word::materials_heading, "材料", "materials"},
    {Word::fields_heading, "填报项", "fields"},
    {Word::provision_count, "{0}（{1} 项）", "{0} ({1})"},
    {Word::provision_none, "（无）", "(none)"},
    {Word::needed_by, "使用事项：{}", "needed by {}"},
    {Word::produced_from, "来源：{0}；{1}", "from {0}, {1}"},
    {Word::submitted, "申请人提交", "to submit"},
    {Word::e_license, "调取电子证照", "e-licences retrieved"},
    {Word::produced, "由本件事内其他事项产生", "produced inside the bundle"},
    {Word::shared, "共享数据预填", "prefilled from shared data"},
    {Word::asked, "合并表单填报", "asked on the merged form"},
    {Word::before_and_after, "办理前后对比", "before and after"},
    {Word::column_metric, "指标", "metric"},
    {Word::column_before, "办理前", "before"},
    {Word::column_after, "办理后", "after"},
    {Word::column_difference, "变化", "change"},
    {Word::metric_steps, "环节", "steps"},
    {Word::metric_forms, "表单", "forms"},
    {Word::metric_fields, "填报项", "fields"},
    {Word::metric_materials, "材料", "materials"},
    {Word::metric_visits, "跑动次数", "visits"},
    {Word::metric_days, "办理时限（工作日）", "days"},
    {Word::markdown_not_optimal, "*未证明为最优：搜索 {} 个节点后停止。*",
     "*Not proven optimal: the search stopped after {} nodes.*"},
    {Word::markdown_critical, "是", "yes"},
    {Word::markdown_deferred, "延后办理", "deferred"},
    {Word::markdown_path, "关键路径：", "Critical path: "},
    {Word::markdown_submitted, "申请人提交的材料：", "Materials to submit: "},
    {Word::node_days, "{} 个工作日", "{} d"},
    {Word::drawn_stage, "第 {} 阶段", "stage {}"},
    {Word::report_title, "全目录办理前后对比：{0} 件事，{1}",
     "Before and after across the catalog: {0} bundles, {1}"},
    {Word::report_title_one, "全目录办理前后对比：{0} 件事，{1}",
     "Before and after across the catalog: {0} bundle, {1}"},
    {Word::report_rows_cases, "{} 行，每个测试用例一行", "{} rows, one per test case"},
    {Word::report_rows_case, "{} 行，每个测试用例一行", "{} row, one per test case"},
    {Word::report_rows_bundles, "每件事一行", "one row per bundle"},
    {Word::column_bundle, "一件事", "bundle"},
    {Word::column_bundle_case, "一件事 / 测试用例", "bundle / case"},
    {Word::no_test_case, "（无测试用例）", "(no test case)"},
    {Word::average_change, "平均变化", "average change"},
    {Word::published_average, "公布平均值", "published average"},
    {Word::weighted_average, "按年办件量加权（{} 个一件事）",
     "weighted by annual cases ({} bundles)"},
    {Word::weighted_average_one, "按年办件量加权（{} 个一件事）",
     "weighted by annual cases ({} bundle)"},
    {Word::source_defaults, "无测试用例：不带事实规划（按默认值）",
     "no test case: planned without facts (defaults apply)"},
    {Word::source_case, "测试用例“{}”", "case '{}'"},
    {Word::source_error, "；未能规划：{}", "; not planned: {}"},
    {Word::rows_all_cases,
     "各行：每个未设 expect.error 的测试用例，按一件事编码排列，同一件事的用例按文件中的顺序：",
     "Rows: every test case without expect.error, by bundle id, cases in file order:"},
    {Word::rows_per_bundle,
     "各行：每件事按其第一个未设 expect.error "
     "的测试用例的事实规划（--all-cases：每个测试用例一行）：",
     "Rows: each bundle planned with the facts of its first test case without expect.error "
     "(--all-cases: one row per case):"},
    {Word::note_average,
     "平均变化：{} 件已规划的一件事各自变化幅度（办理后/办理前 - 1，减少为负，与公布数据写法相同）"
     "的平均值（一件事有多行时只计一次，取各行的平均值；办理前为 0 "
     "的指标不计入），与公布数据同为各件事的平均值。",
     "Average change: the mean over the {} planned bundles of each bundle's change after/before - "
     "1, negative for fewer as the published figures are written (a bundle with several rows "
     "counts once, with the mean of its rows; a metric that is 0 before is left out), as the "
     "published figures are averages across bundles too."},
    {Word::note_average_one,
     "平均变化：{} 件已规划的一件事各自变化幅度（办理后/办理前 - 1，减少为负，与公布数据写法相同）"
     "的平均值（一件事有多行时只计一次，取各行的平均值；办理前为 0 "
     "的指标不计入），与公布数据同为各件事的平均值。",
     "Average change: the mean over the {} planned bundle of each bundle's change after/before - "
     "1, negative for fewer as the published figures are written (a bundle with several rows "
     "counts once, with the mean of its rows; a metric that is 0 before is left out), as the "
     "published figures are averages across bundles too."},
    {Word::note_published,
     "公布平均值：首年 15 件事平均，环节 -69%，办理时限（天数）-54%，材料 -75%，跑动次数 "
     "-71%；表单和填报项未公布。",
     "Published average: across the 15 bundles of the first year, steps -69%, time (days) -54%, "
     "materials -75%, trips (visits) -71%; forms and fields were not published."},
    {Word::note_before_after,
     "办理前：各事项单独办理，逐一先后进行；办理后：按一件事方案办理。跑动次数指到办事窗口的次数；"
     "办理时限指到办结的工作日数。",
     "Before: every item handled on its own, one after another; after: the bundled plan. Visits "
     "are trips to an office; days are working days to the outcome."},
    {Word::guide_none, "无需再问：已给出的事实足以确定方案",
     "no questions: the facts given decide the plan"},
    {Word::guide_decides, "决定 {} 个事项：", "decides {}: "},
    {Word::guide_type_boolean, "是或否", "yes or no"},
    {Word::guide_type_enum, "选项：{}", "one of: {}"},
    {Word::guide_type_integer, "整数", "a whole number"},
    {Word::guide_type_number, "数字", "a number"},
    {Word::guide_type_date, "日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"},
    {Word::guide_type_string, "文字", "text"},
    {Word::guide_default, "默认：{}", "default: {}"},
    {Word::guide_confirm, "（请确认）", " — confirm"},
    {Word::guide_gate, "决定此一件事是否适用于申请人",
     "decides whether the bundle is for the applicant"},
    {Word::yes, "是", "yes"},
    {Word::no, "否", "no"},
    {Word::list_bundles, "一件事：", "bundles:"},
    {Word::list_items, "事项：", "items:"},
    {Word::list_goals, "（{} 个目标事项）", "({} goals)"},
    {Word::automatic_mark, "（自动办理）", "(automatic)"},
    {Word::venue_mark, "（地点：{}）", "(at {})"},
    {Word::bundled_days, "{0}（单独 {1}）", "{0} (alone {1})"},
    {Word::visits_by_venue, "各地点到场次数：{}", "visits by venue: {}"},
    {Word::venue_visits, "{0} {1} 次", "{0} {1}"},
    {Word::figure_schedule, "办理进度", "Schedule"},
    {Word::figure_graph, "事项关系图", "Dependency graph"},
    {Word::figure_axis_days, "工作日", "working days"},
    {Word::figure_outcome, "办结：第 {} 个工作日", "outcome: day {}"},
    {Word::figure_critical, "关键路径", "critical path"},
    {Word::figure_slack, "机动时间", "slack"},
    {Word::figure_deferred, "延后办理（办结后完成）", "deferred (after the outcome)"},
    {Word::figure_reduction, "{0}：{1}", "{0}: {1}"},
    {Word::figure_report_metric, "各一件事的{}变化", "Change in {} per bundle"},
    {Word::html_plan_title, "办理方案：{}", "Plan: {}"},
    {Word::html_report_title, "全部一件事的改革前后对比", "Before and after across the catalog"},
    {Word::html_items, "事项", "Items"},
    {Word::html_no_script, "由 onething 生成：独立页面，无需脚本，可直接打印。",
     "Made by onething: a self-contained page, readable without script and printable."},
    {Word::whatif_title, "假如：{0}，各在 {1}（一件事与测试用例）上规划",
     "What if: {0}, each planned over {1} (bundles and test cases)"},
    {Word::whatif_changes, "{} 项单一改动", "{} single changes"},
    {Word::whatif_change, "{} 项单一改动", "{} single change"},
    {Word::whatif_rows, "{} 行", "{} rows"},
    {Word::whatif_row, "{} 行", "{} row"},
    {Word::whatif_singles, "节省最多的单一改动", "best single changes"},
    {Word::whatif_none, "没有任何单一改动能有所节省", "no single change saves anything"},
    {Word::whatif_combined, "最佳 {} 项组合改动（贪心：每步加入节省最多的一项，累计）",
     "best {} changes together (greedy: each step adds the change that saves most; cumulative)"},
    {Word::whatif_kind_license, "材料 {} 改为电子证照", "make material {} an e-licence"},
    {Word::whatif_kind_shared, "填报项 {} 改为共享获取", "make field {} shared"},
    {Word::whatif_kind_online, "事项 {} 改为网上办理", "make item {} online"},
    {Word::whatif_kind_duration, "事项 {} 的并联办理时限改为 0",
     "give item {} a bundled duration of 0"},
    {Word::column_rank, "序号", "#"},
    {Word::column_change, "改动", "change"},
    {Word::column_helps, "受益的一件事", "bundles helped"},
    {Word::whatif_weighted,
     "节省量：各一件事按其测试用例取平均，乘以年办件量（annual_cases）；未给办件量的一件事按 1 "
     "件计",
     "savings: each bundle's mean over its test cases, times its annual_cases; a bundle without "
     "annual_cases counts as one application"},
    {Word::whatif_unweighted, "节省量：各一件事按其测试用例取平均（每件申请），未给年办件量",
     "savings: each bundle's mean over its test cases (per application); no bundle gives "
     "annual_cases"},
}};

/// True when every entry of `words` sits at the index of its key.
constexpr bool in_order() {
    for (std::size_t at = 0; at < words.size(); ++at) {
        if (static_cast<std::size_t>(words[at].key) != at) {
            return false;
        }
    }
    return true;
}

static_assert(in_order(), "the words must be listed in the order of Word");

}  // namespace

bool chinese(std::string_view language) {
    return language == "zh";
}

const char* word(Word key, std::string_view language) {
    const Entry& entry = words[static_cast<std::size_t>(key)];
    return chinese(language) ? entry.zh : entry.en;
}

std::string counted(std::size_t count, Word one, Word many, std::string_view language) {
    return phrase(count == 1 ? one : many, language, count);
}

const char* metric_word(Metric metric, std::string_view language) {
    switch (metric) {
        case Metric::steps:
            return word(Word::metric_steps, language);
        case Metric::forms:
            return word(Word::metric_forms, language);
        case Metric::fields:
            return word(Word::metric_fields, language);
        case Metric::materials:
            return word(Word::metric_materials, language);
        case Metric::visits:
            return word(Word::metric_visits, language);
        case Metric::days:
            return word(Word::metric_days, language);
    }
    return metric_name(metric);
}

const char* provision_word(Provision provision, std::string_view language) {
    switch (provision) {
        case Provision::submitted:
            return word(Word::submitted, language);
        case Provision::e_license:
            return word(Word::e_license, language);
        case Provision::produced:
            return word(Word::produced, language);
        case Provision::shared:
            return word(Word::shared, language);
        case Provision::asked:
            return word(Word::asked, language);
    }
    return "";
}

std::string reduction_word(double before, double after, std::string_view language) {
    std::string percent = reduction_percent(before, after);
    return percent == "n/a" ? std::string(word(Word::not_applicable, language)) : percent;
}

}  // namespace onething::detail
