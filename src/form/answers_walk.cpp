// Walking an answers document, nested by id segments or flat with dotted keys.
#include "form/answers_walk.hpp"

#include "form/form_util.hpp"
#include "form/value_check.hpp"

namespace onething::detail::form {
namespace {

/// The walk over one document.
class Walker {
  public:
    /// Walks with `reader`, sorting keys with `classify` and reporting others to `unknown`.
    Walker(NodeReader& reader, const std::function<IdKind(const std::string&)>& classify,
           const std::function<void(const YamlNode&, const std::string&)>& unknown,
           std::string_view document, std::string_view given)
        : reader_(reader),
          classify_(classify),
          unknown_(unknown),
          document_(document),
          given_(given) {}

    /// Walks one mapping whose keys continue `prefix`.
    void walk(const YamlNode& mapping, const std::string& prefix) {
        const std::string what = prefix.empty() ? std::string(document_) : "group '" + prefix + "'";
        for (const auto& [key_index, value_index] : reader_.entries(mapping, what)) {
            const YamlNode& key = reader_.node(key_index);
            const YamlNode& value = reader_.node(value_index);
            const std::string id = prefix.empty() ? key.value : prefix + "." + key.value;
            switch (classify_(id)) {
                case IdKind::field:
                    add_field(id, key_index, value_index);
                    break;
                case IdKind::group:
                    if (value.kind != YamlKind::mapping) {
                        reader_.error(value, "invalid-type",
                                      "'" + id +
                                          "' is a group of fields and must be a mapping, not " +
                                          describe_node(value));
                        tree_.broken.insert(id);
                        break;
                    }
                    tree_.groups.emplace(id, value_index);
                    walk(value, id);
                    break;
                case IdKind::other:
                    unknown_(key, id);
                    break;
            }
        }
    }

    /// The result.
    AnswerTree take() { return std::move(tree_); }

  private:
    /// Records a field, reporting a second answer to it.
    void add_field(const std::string& id, std::uint32_t key_index, std::uint32_t value_index) {
        auto [place, inserted] = first_.emplace(id, key_index);
        if (!inserted) {
            const YamlNode& first = reader_.node(place->second);
            reader_.error(reader_.node(key_index), "duplicate-field",
                          "field '" + id + "' is " + std::string(given_) +
                              " twice (first at line " + std::to_string(first.line) + ", column " +
                              std::to_string(first.column) + ")");
            return;
        }
        tree_.entries.push_back({id, key_index, value_index});
    }

    NodeReader& reader_;
    const std::function<IdKind(const std::string&)>& classify_;
    const std::function<void(const YamlNode&, const std::string&)>& unknown_;
    std::string_view document_;  // "the answers", "the shared data"
    std::string_view given_;     // "answered", "given"
    std::map<std::string, std::uint32_t> first_;
    AnswerTree tree_;
};

}  // namespace

AnswerTree collect_answers(NodeReader& reader, const YamlNode& root,
                           const std::function<IdKind(const std::string&)>& classify,
                           const std::function<void(const YamlNode&, const std::string&)>& unknown,
                           std::string_view document, std::string_view given) {
    Walker walker(reader, classify, unknown, document, given);
    walker.walk(root, "");
    return walker.take();
}

bool under_broken_group(const AnswerTree& tree, const std::string& id) {
    for (const std::string& group : id_groups(id)) {
        if (tree.broken.count(group)) {
            return true;
        }
    }
    return false;
}

Location missing_location(const NodeReader& reader, const AnswerTree& tree, const YamlNode& root,
                          const std::string& id) {
    const std::vector<std::string> groups = id_groups(id);
    for (auto group = groups.rbegin(); group != groups.rend(); ++group) {
        auto found = tree.groups.find(*group);
        if (found != tree.groups.end()) {
            return reader.where(reader.node(found->second));
        }
    }
    return reader.where(root);
}

}  // namespace onething::detail::form
