#include "text/tweet_text_json.hpp"

namespace handleguard::text {

namespace {
nlohmann::ordered_json entity_list(const std::vector<Entity> &entities, ListSlugs list_slugs) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto &entity : entities) {
    nlohmann::ordered_json item = {{"text", entity.text}, {"indices", {entity.begin, entity.end}}};
    if (list_slugs == ListSlugs::included && !entity.list_slug.empty()) item["listSlug"] = entity.list_slug;
    list.push_back(std::move(item));
  }
  return list;
}
} // namespace

nlohmann::ordered_json tweet_text_json(const ParseResult &count, const Entities &entities, ListSlugs list_slugs) {
  return {{"weightedLength", count.weighted_length},
          {"valid", count.valid},
          {"permillage", count.permillage},
          {"displayRangeStart", count.display_range_start},
          {"displayRangeEnd", count.display_range_end},
          {"validRangeStart", count.valid_range_start},
          {"validRangeEnd", count.valid_range_end},
          {"entities",
           {{"urls", entity_list(entities.urls, list_slugs)},
            {"mentions", entity_list(entities.mentions, list_slugs)},
            {"hashtags", entity_list(entities.hashtags, list_slugs)},
            {"cashtags", entity_list(entities.cashtags, list_slugs)}}}};
}

} // namespace handleguard::text
