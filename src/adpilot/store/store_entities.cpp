// The simulated platform state: the entities table.
#include "adpilot/store/detail/sqlite.h"
#include "adpilot/store/store.h"

namespace adpilot::store {

namespace {

constexpr const char* kEntityColumns =
    "level, id, name, account_id, channel, status, daily_budget_micros, bid_modifier, currency, updated_at";

EntityState read_entity(const detail::Statement& row) {
  EntityState entity;
  entity.level = row.text(0);
  entity.id = row.text(1);
  entity.name = row.text(2);
  entity.account_id = row.text(3);
  entity.channel = row.text(4);
  entity.status = row.text(5);
  entity.daily_budget = row.optional_int64(6);
  entity.bid_modifier = row.real(7);
  entity.currency = row.text(8);
  entity.updated_at = row.text(9);
  return entity;
}

}  // namespace

Result<std::optional<EntityState>> Store::find_entity(const std::string& level, const std::string& id) const {
  return guard([&]() -> Result<std::optional<EntityState>> {
    detail::Statement query(db_.get(), std::string("SELECT ") + kEntityColumns +
                                           " FROM entities WHERE level = ?1 AND id = ?2");
    query.bind(1, level).bind(2, id);
    if (!query.step()) {
      return std::optional<EntityState>();
    }
    return std::optional<EntityState>(read_entity(query));
  });
}

Result<bool> Store::insert_entity_if_absent(const EntityState& entity) {
  return guard([&]() -> Result<bool> {
    detail::Statement insert(db_.get(), std::string("INSERT INTO entities (") + kEntityColumns +
                                            ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                                            "ON CONFLICT (level, id) DO NOTHING");
    insert.bind(1, entity.level).bind(2, entity.id).bind(3, entity.name).bind(4, entity.account_id);
    insert.bind(5, entity.channel).bind(6, entity.status).bind(7, entity.daily_budget);
    insert.bind(8, entity.bid_modifier).bind(9, entity.currency).bind(10, entity.updated_at);
    insert.run();
    return sqlite3_changes(db_.get()) > 0;
  });
}

Result<void> Store::update_entity(const EntityState& entity) {
  return guard([&]() -> Result<void> {
    detail::Statement update(db_.get(),
                             "UPDATE entities SET status = ?3, daily_budget_micros = ?4, bid_modifier = ?5, "
                             "updated_at = ?6 WHERE level = ?1 AND id = ?2");
    update.bind(1, entity.level).bind(2, entity.id).bind(3, entity.status).bind(4, entity.daily_budget);
    update.bind(5, entity.bid_modifier).bind(6, entity.updated_at);
    update.run();
    if (sqlite3_changes(db_.get()) == 0) {
      throw_error(ErrorCode::kNotFound,
                  "the simulated state has no " + entity.level + " '" + entity.id + "'");
    }
    return {};
  });
}

Result<std::vector<EntityState>> Store::entities() const {
  return guard([&]() -> Result<std::vector<EntityState>> {
    // Campaigns, then ad groups, then ads.
    detail::Statement query(db_.get(), std::string("SELECT ") + kEntityColumns +
                                           " FROM entities ORDER BY CASE level WHEN 'campaign' THEN 0 "
                                           "WHEN 'ad_group' THEN 1 ELSE 2 END, id");
    std::vector<EntityState> out;
    while (query.step()) {
      out.push_back(read_entity(query));
    }
    return out;
  });
}

}  // namespace adpilot::store
