#include "adpilot/decide/plan.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "adpilot/core/hash.h"

namespace adpilot::decide {

namespace {

using nlohmann::json;

constexpr const char* kLevelNames[] = {"campaign", "ad_group", "ad"};
constexpr const char* kKindNames[] = {"pause", "enable", "budget", "bid", "alert"};

json optional_micros(const std::optional<Micros>& value) {
  return value ? json(*value) : json(nullptr);
}

json entity_to_json(const EntitySnapshot& entity) {
  return json{{"level", entity_level_name(entity.level)},
              {"id", entity.id},
              {"name", entity.name},
              {"account_id", entity.account_id},
              {"channel", entity.channel},
              {"status", entity.status},
              {"daily_budget_micros", optional_micros(entity.daily_budget)},
              {"currency", entity.currency}};
}

// Reads the plan with precise errors: every failure names the JSON path it was at.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    Error error{ErrorCode::kParse, fmt::format("plan: {} {}", path, what), {}, ""};
    error.context.file = file_;
    error.context.field = path;
    error.hint = "Plans are written by `adpilot plan`; re-create it rather than editing it.";
    throw ErrorException(std::move(error));
  }

  const json& member(const json& object, const std::string& path, const char* key) const {
    if (!object.is_object()) {
      fail(path, "is not an object");
    }
    auto it = object.find(key);
    if (it == object.end()) {
      fail(path + "." + key, "is missing");
    }
    return *it;
  }
  std::string text(const json& object, const std::string& path, const char* key) const {
    const json& value = member(object, path, key);
    if (!value.is_string()) {
      fail(path + "." + key, "is not a string");
    }
    return value.get<std::string>();
  }
  int64_t integer(const json& object, const std::string& path, const char* key) const {
    const json& value = member(object, path, key);
    if (!value.is_number_integer()) {
      fail(path + "." + key, "is not an integer");
    }
    return value.get<int64_t>();
  }
  double number(const json& object, const std::string& path, const char* key) const {
    const json& value = member(object, path, key);
    if (!value.is_number()) {
      fail(path + "." + key, "is not a number");
    }
    return value.get<double>();
  }
  std::optional<Micros> micros(const json& object, const std::string& path, const char* key) const {
    const json& value = member(object, path, key);
    if (value.is_null()) {
      return std::nullopt;
    }
    if (!value.is_number_integer()) {
      fail(path + "." + key, "is not an integer number of micros or null");
    }
    return value.get<Micros>();
  }
  const json& array(const json& object, const std::string& path, const char* key) const {
    const json& value = member(object, path, key);
    if (!value.is_array()) {
      fail(path + "." + key, "is not an array");
    }
    return value;
  }

  EntitySnapshot entity(const json& object, const std::string& path) const {
    EntitySnapshot entity;
    const std::string level = text(object, path, "level");
    auto parsed = parse_entity_level(level);
    if (!parsed) {
      fail(path + ".level", fmt::format("is '{}', not campaign, ad_group or ad", level));
    }
    entity.level = *parsed;
    entity.id = text(object, path, "id");
    entity.name = text(object, path, "name");
    entity.account_id = text(object, path, "account_id");
    entity.channel = text(object, path, "channel");
    entity.status = text(object, path, "status");
    entity.daily_budget = micros(object, path, "daily_budget_micros");
    entity.currency = text(object, path, "currency");
    return entity;
  }
  ActionKind kind(const json& object, const std::string& path) const {
    const std::string name = text(object, path, "action");
    auto parsed = parse_action_kind(name);
    if (!parsed) {
      fail(path + ".action", fmt::format("is '{}', not pause, enable, budget, bid or alert", name));
    }
    return *parsed;
  }

 private:
  std::string file_;
};

std::string content_hash(const json& plan_without_id) {
  const std::string text = plan_without_id.dump();
  return fmt::format("{:016x}{:016x}", hash_bytes(text.data(), text.size()),
                     hash_bytes(text.data(), text.size(), 0x9e3779b97f4a7c15ULL));
}

json plan_body(const Plan& plan) {
  json entities = json::array();
  for (const auto& entity : plan.entities) {
    entities.push_back(entity_to_json(entity));
  }
  json actions = json::array();
  for (const auto& action : plan.actions) {
    actions.push_back(json{{"index", action.index},
                           {"entity", entity_to_json(action.entity)},
                           {"action", action_kind_name(action.kind)},
                           {"status_before", action.status_before},
                           {"status_after", action.status_after},
                           {"budget_before_micros", optional_micros(action.budget_before)},
                           {"budget_after_micros", optional_micros(action.budget_after)},
                           {"bid_change", action.bid_change},
                           {"rule", action.rule},
                           {"priority", action.priority},
                           {"summary", action.summary},
                           {"rationale", action.rationale.is_null() ? json::object() : action.rationale}});
  }
  json not_taken = json::array();
  for (const auto& item : plan.not_taken) {
    not_taken.push_back(json{{"entity", entity_to_json(item.entity)},
                             {"action", action_kind_name(item.kind)},
                             {"rule", item.rule},
                             {"reason", item.reason}});
  }
  json inputs = json::array();
  for (const auto& input : plan.inputs) {
    inputs.push_back(input);
  }
  return json{{"schema_version", Plan::kSchemaVersion},
              {"as_of", format_date(plan.as_of)},
              {"rules_file", plan.rules_file},
              {"rules_hash", plan.rules_hash},
              {"inputs", inputs},
              {"entities", entities},
              {"actions", actions},
              {"not_taken", not_taken}};
}

}  // namespace

const char* entity_level_name(EntityLevel level) { return kLevelNames[static_cast<int>(level)]; }
const char* action_kind_name(ActionKind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<EntityLevel> parse_entity_level(std::string_view text) {
  for (int i = 0; i < 3; ++i) {
    if (text == kLevelNames[i]) {
      return static_cast<EntityLevel>(i);
    }
  }
  return std::nullopt;
}

std::optional<ActionKind> parse_action_kind(std::string_view text) {
  for (int i = 0; i < 5; ++i) {
    if (text == kKindNames[i]) {
      return static_cast<ActionKind>(i);
    }
  }
  return std::nullopt;
}

void finalize_plan(Plan& plan) {
  for (size_t i = 0; i < plan.actions.size(); ++i) {
    plan.actions[i].index = static_cast<int>(i);
  }
  plan.id = content_hash(plan_body(plan));
}

nlohmann::json plan_to_json(const Plan& plan) {
  json body = plan_body(plan);
  json out = json::object();
  out["id"] = plan.id;
  for (auto& [key, value] : body.items()) {
    out[key] = value;
  }
  return out;
}

Result<Plan> plan_from_json(const nlohmann::json& json_plan, const std::string& file) {
  return guard([&]() -> Result<Plan> {
    Reader reader(file);
    Plan plan;
    const int64_t version = reader.integer(json_plan, "$", "schema_version");
    if (version != Plan::kSchemaVersion) {
      reader.fail("$.schema_version",
                  fmt::format("is {}; this adpilot reads version {}", version, Plan::kSchemaVersion));
    }
    plan.id = reader.text(json_plan, "$", "id");
    const std::string as_of = reader.text(json_plan, "$", "as_of");
    auto date = parse_iso_date(as_of);
    if (!date) {
      reader.fail("$.as_of", fmt::format("is '{}', not a YYYY-MM-DD date", as_of));
    }
    plan.as_of = *date;
    plan.rules_file = reader.text(json_plan, "$", "rules_file");
    plan.rules_hash = reader.text(json_plan, "$", "rules_hash");
    const auto& inputs = reader.array(json_plan, "$", "inputs");
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (!inputs[i].is_string()) {
        reader.fail(fmt::format("$.inputs[{}]", i), "is not a string");
      }
      plan.inputs.push_back(inputs[i].get<std::string>());
    }
    const auto& entities = reader.array(json_plan, "$", "entities");
    for (size_t i = 0; i < entities.size(); ++i) {
      plan.entities.push_back(reader.entity(entities[i], fmt::format("$.entities[{}]", i)));
    }
    const auto& actions = reader.array(json_plan, "$", "actions");
    for (size_t i = 0; i < actions.size(); ++i) {
      const std::string path = fmt::format("$.actions[{}]", i);
      const json& item = actions[i];
      PlannedAction action;
      action.index = static_cast<int>(reader.integer(item, path, "index"));
      if (action.index != static_cast<int>(i)) {
        reader.fail(path + ".index", fmt::format("is {}, expected {}", action.index, i));
      }
      action.entity = reader.entity(reader.member(item, path, "entity"), path + ".entity");
      action.kind = reader.kind(item, path);
      action.status_before = reader.text(item, path, "status_before");
      action.status_after = reader.text(item, path, "status_after");
      action.budget_before = reader.micros(item, path, "budget_before_micros");
      action.budget_after = reader.micros(item, path, "budget_after_micros");
      action.bid_change = reader.number(item, path, "bid_change");
      action.rule = reader.text(item, path, "rule");
      action.priority = static_cast<int>(reader.integer(item, path, "priority"));
      action.summary = reader.text(item, path, "summary");
      action.rationale = reader.member(item, path, "rationale");
      if (action.kind == ActionKind::kBudget && !action.budget_after) {
        reader.fail(path + ".budget_after_micros", "is null on a budget action");
      }
      plan.actions.push_back(std::move(action));
    }
    const auto& not_taken = reader.array(json_plan, "$", "not_taken");
    for (size_t i = 0; i < not_taken.size(); ++i) {
      const std::string path = fmt::format("$.not_taken[{}]", i);
      NotTaken item;
      item.entity = reader.entity(reader.member(not_taken[i], path, "entity"), path + ".entity");
      item.kind = reader.kind(not_taken[i], path);
      item.rule = reader.text(not_taken[i], path, "rule");
      item.reason = reader.text(not_taken[i], path, "reason");
      plan.not_taken.push_back(std::move(item));
    }
    const std::string expected = content_hash(plan_body(plan));
    if (expected != plan.id) {
      reader.fail("$.id", fmt::format("is {} but the content hashes to {}: the plan was changed "
                                      "after it was made", plan.id, expected));
    }
    return plan;
  });
}

Result<Plan> read_plan_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error error{ErrorCode::kIo, fmt::format("cannot open plan file '{}'", path), {}, ""};
    error.context.file = path;
    return error;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  json parsed;
  try {
    parsed = json::parse(buffer.str());
  } catch (const json::parse_error& e) {
    Error error{ErrorCode::kParse, fmt::format("plan is not valid JSON: {}", e.what()), {}, ""};
    error.context.file = path;
    return error;
  }
  return plan_from_json(parsed, path);
}

}  // namespace adpilot::decide
