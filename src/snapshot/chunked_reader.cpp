// Reading a snapshot's chunked sections (fields, materials, items): each chunk on one of several
// threads, each element into its place (a national catalog's definitions are most of its load);
// and reading one item.
#include <algorithm>
#include <memory>

#include "snapshot/model_reader.hpp"
#include "snapshot/run_in_order.hpp"

namespace onething::detail {
namespace {

/// The elements from `first` up to `last` of chunk `k` of `count` elements, `per_chunk` each.
std::pair<std::size_t, std::size_t> chunk_range(std::size_t k, std::size_t per_chunk,
                                                std::size_t count) {
    const std::size_t first = k * per_chunk;
    return {first, std::min(count, first + per_chunk)};
}

/// Checks, chunk by chunk on up to `threads` threads, that each element's id comes after the one
/// before it.
template <typename T>
void check_order(const std::vector<T>& values, std::size_t per_chunk, std::size_t chunks,
                 unsigned threads, const char* kind) {
    run_in_order(chunks, threads, [&](std::size_t, std::size_t k) {
        const auto [first, last] = chunk_range(k, per_chunk, values.size());
        check_sorted(values, kind, first, last);
    });
}

}  // namespace

ModelReader::ModelReader(const ModelReader& parent)
    : in_(nullptr),
      limits_(parent.limits_),
      facts_(parent.facts_),
      fields_(parent.fields_),
      materials_(parent.materials_),
      section_size_(parent.section_size_),
      release_(parent.release_) {
    files_.reserve(parent.files_.size());
    for (const FileName& file : parent.files_) {
        files_.emplace_back(file.str());
    }
}

ModelReader::Chunks ModelReader::chunks(std::size_t min_bytes) {
    Chunks found;
    const std::uint64_t at = in_->offset();
    found.count = in_->count(min_bytes);
    count_definitions(found.count, at);
    found.per_chunk = in_->u32();
    if (found.per_chunk == 0) {
        in_->fail(4, "a section in chunks of 0 elements");
    }
    // The count bounds how many chunks there are.
    found.bytes.reserve(found.count / found.per_chunk + 1);
    for (std::uint64_t first = 0; first < found.count; first += found.per_chunk) {
        const std::uint64_t length = in_->u64();
        const std::uint64_t start = in_->offset();
        found.bytes.emplace_back(in_->take(length), start);
    }
    return found;
}

void ModelReader::read_chunks(
    const Chunks& found, unsigned threads,
    const std::function<void(ModelReader&, std::size_t, std::size_t)>& read) {
    const std::size_t workers = std::min<std::size_t>(threads, found.bytes.size());
    // Worker 0 is this reader; the others have their own.
    std::vector<std::unique_ptr<ModelReader>> readers;
    for (std::size_t worker = 1; worker < workers; ++worker) {
        readers.push_back(std::unique_ptr<ModelReader>(new ModelReader(*this)));
    }
    // Points a reader at a chunk's bytes, and back at what it read before, even on an error.
    struct Reading {
        ModelReader& reader;
        ByteReader* before;
        Reading(ModelReader& chunk_reader, ByteReader& chunk)
            : reader(chunk_reader), before(chunk_reader.in_) {
            reader.in_ = &chunk;
        }
        Reading(const Reading&) = delete;
        Reading& operator=(const Reading&) = delete;
        ~Reading() { reader.in_ = before; }
    };
    run_in_order(found.bytes.size(), workers, [&](std::size_t worker, std::size_t k) {
        ModelReader& reader = worker == 0 ? *this : *readers[worker - 1];
        ByteReader chunk = found.bytes[k];  // a copy of its own: the threads' would share lines
        const Reading reading(reader, chunk);
        const auto [first, last] = chunk_range(k, found.per_chunk, found.count);
        read(reader, first, last);
        if (chunk.left() != 0) {
            chunk.fail(0,
                       std::to_string(chunk.left()) + " bytes follow the last element of a chunk");
        }
        if (reader.release_) {
            reader.release_(chunk.start(), chunk.offset());
        }
    });
    for (const std::unique_ptr<ModelReader>& reader : readers) {
        languages_.add(reader->languages_);
    }
}

template <typename T>
std::vector<T> ModelReader::chunked_section(T (ModelReader::*read)(), std::size_t min_bytes,
                                            const char* kind, unsigned threads) {
    const Chunks found = chunks(min_bytes);
    std::vector<T> values(found.count);
    read_chunks(found, threads, [&](ModelReader& reader, std::size_t first, std::size_t last) {
        for (std::size_t i = first; i < last; ++i) {
            values[i] = (reader.*read)();
        }
    });
    check_order(values, found.per_chunk, found.bytes.size(), threads, kind);
    return values;
}

template std::vector<Field> ModelReader::chunked_section(Field (ModelReader::*)(), std::size_t,
                                                         const char*, unsigned);
template std::vector<Material> ModelReader::chunked_section(Material (ModelReader::*)(),
                                                            std::size_t, const char*, unsigned);

std::vector<Item> ModelReader::items(unsigned threads) {
    const Chunks found = chunks(77);
    std::vector<Item> values;
    section_size_ = found.count;
    // Two large arrays to make before reading: side by side when there are chunks to share.
    run_in_order(2, found.bytes.size() > 1 ? threads : 1, [&](std::size_t, std::size_t k) {
        if (k == 0) {
            values.resize(found.count);
        } else {
            resolved_.items.resize(found.count);
            resolved_.conditional.resize(found.count);
        }
    });
    // What the index gathers from the items, gathered by chunk while each item is at hand.
    std::vector<ResolvedLinks> gathered(found.bytes.size());
    read_chunks(found, threads, [&](ModelReader& reader, std::size_t first, std::size_t last) {
        ResolvedLinks& chunk = gathered[first / found.per_chunk];
        for (std::size_t i = first; i < last; ++i) {
            ItemLinks& linked = resolved_.items[i];
            reader.item(values[i], linked, resolved_.conditional[i]);
            const Index at = static_cast<Index>(i);
            for (Index material : linked.produced_materials) {
                chunk.material_producers.emplace_back(material, at);
            }
            for (Index field : linked.produced_fields) {
                chunk.field_producers.emplace_back(field, at);
            }
            if (values[i].payee) {
                chunk.paying.push_back(at);
            }
            if (values[i].makes_visits()) {
                chunk.visited.push_back(at);
            }
        }
    });
    for (ResolvedLinks& chunk : gathered) {
        auto append = [](auto& all, const auto& more) {
            all.insert(all.end(), more.begin(), more.end());
        };
        append(resolved_.material_producers, chunk.material_producers);
        append(resolved_.field_producers, chunk.field_producers);
        append(resolved_.paying, chunk.paying);
        append(resolved_.visited, chunk.visited);
    }
    check_order(values, found.per_chunk, found.bytes.size(), threads, "item");
    // Every item read: each prerequisite is named by its item's id (only `needs_items` is
    // written, so the threads can read any item's id).
    run_in_order(found.bytes.size(), threads, [&](std::size_t, std::size_t k) {
        const auto [first, last] = chunk_range(k, found.per_chunk, values.size());
        for (std::size_t i = first; i < last; ++i) {
            const std::vector<Index>& prerequisites = resolved_.items[i].prerequisites;
            for (std::size_t n = 0; n < prerequisites.size(); ++n) {
                values[i].needs_items[n].item.id = values[prerequisites[n]].id;
            }
        }
    });
    return values;
}

void ModelReader::item(Item& value, ItemLinks& linked, std::uint8_t& conditional) {
    value.id = string();
    value.name = text();
    value.department = string();
    value.type = enumeration<ItemType>(*in_, 6, "item type");
    const std::uint32_t channels = in_->count(1);
    value.channels.clear();
    for (std::uint32_t k = 0; k < channels; ++k) {
        value.channels.push_back(enumeration<Channel>(*in_, 4, "channel"));
    }
    value.in_person = in_->boolean();
    value.automatic = in_->boolean();
    value.venue = string();
    value.duration_days = in_->f64();
    value.bundled_duration_days = optional([&] { return in_->f64(); });
    value.steps = in_->i32();
    value.visits = in_->i32();
    value.payee = optional([&] { return string(); });
    value.when = condition();
    bool has_when = false;  // a need or an alternative has a `when`
    auto need_when = [&] {
        Condition when = condition();
        has_when = has_when || !when.always();
        return when;
    };
    const std::uint32_t items = in_->count(20);
    value.needs_items.resize(items);
    linked.prerequisites.reserve(items);
    for (ItemNeed& need : value.needs_items) {
        // The id is given when every item is read (set_items).
        linked.prerequisites.push_back(position(section_size_, "item"));
        need.item.location = location();
        need.when = need_when();
    }
    const std::uint32_t materials = in_->count(22);
    value.needs_materials.resize(materials);
    linked.material_needs.reserve(materials, materials);  // most needs have one alternative
    for (std::uint32_t n = 0; n < materials; ++n) {
        MaterialNeed& need = value.needs_materials[n];
        linked.material_needs.add_row();
        LastRow alternatives{linked.material_needs};
        need.alternatives = links(*materials_, "material", alternatives);
        if (need.alternatives.empty()) {
            throw SnapshotRefused{"snapshot-corrupt", "the item '" + value.id +
                                                          "' has a material need without "
                                                          "a material"};
        }
        const std::uint32_t whens = in_->count(4);
        if (whens != 0 && whens != need.alternatives.size()) {
            in_->fail(4, "a need has " + std::to_string(whens) + " alternative conditions for " +
                             std::to_string(need.alternatives.size()) + " alternatives");
        }
        need.alternative_when.resize(whens);
        for (Condition& when : need.alternative_when) {
            when = need_when();
        }
        need.any_of = in_->boolean();
        need.when = need_when();
        need.location = location();
    }
    const std::uint32_t fields = in_->count(21);
    value.needs_fields.resize(fields);
    linked.field_needs.reserve(fields);
    for (FieldNeed& need : value.needs_fields) {
        need.field = link(*fields_, "field", linked.field_needs);
        if (in_->boolean()) {
            auto narrowing = std::make_shared<Narrowing>();
            narrowing->constraints = constraints();
            const std::uint32_t count = in_->count(16);
            for (std::uint32_t k = 0; k < count; ++k) {
                std::string key = string();
                narrowing->locations.insert_or_assign(std::move(key), location());
            }
            need.narrowing = std::move(narrowing);
        }
        need.when = need_when();
    }
    value.produces_materials = links(*materials_, "material", linked.produced_materials);
    value.produces_fields = links(*fields_, "field", linked.produced_fields);
    value.location = location();
    conditional = has_when ? 1 : 0;
    linked.automatic = value.automatic;
    if (has_when) {
        linked.conditional = every_need(value);
    }
}

}  // namespace onething::detail
