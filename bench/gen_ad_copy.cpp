// ad_copy.csv for the demo account: one row per ad, Google responsive search ads ("rsa") and
// Meta feed ads ("meta") in one file, with a handful of deliberate policy flaws as the copy
// linter's ground truth. Copy is built from one short brief per ad group and two templates
// (a quality angle and an offer angle), so 48 ads stay consistent and reviewable.
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "csv_out.h"
#include "demo_campaigns.h"
#include "gen_data.h"

namespace adpilot::bench {
namespace {

constexpr std::string_view kBrand = "Ridgeline Outfitters";
// ".example" is reserved (RFC 2606): the sample never points at a real shop.
constexpr std::string_view kSite = "https://www.ridgeline-outfitters.example";

// Platform limits the generator checks its own copy against (characters, not bytes).
constexpr size_t kRsaHeadlineMax = 30;
constexpr size_t kRsaDescriptionMax = 90;
constexpr size_t kRsaPathMax = 15;
constexpr size_t kMetaPrimaryTextMax = 125;
constexpr size_t kMetaHeadlineMax = 40;
constexpr size_t kMetaDescriptionMax = 30;

struct AdGroupBrief {
  std::string_view product;  // ≤ 22 characters: it goes into "<product> Sale"
  std::string_view benefit;  // a headline of its own, ≤ 30 characters
  std::string_view pitch;    // one sentence, ≤ 78 characters
  std::string_view path_1;
  std::string_view path_2;
};

// Indexed by campaign_idx * 2 + ad_group_idx, in kDemoCampaigns order.
constexpr AdGroupBrief kBriefs[] = {
    {"Outdoor Gear", "Official Ridgeline Store",
     "Tents, packs and boots from the brand hikers have trusted since 1998.", "gear", "official"},
    {"Boots and Packs", "Find a Ridgeline Store",
     "Try on boots and packs in 14 stores, or order online and pick up.", "stores", "near-you"},
    {"Backpacking Tents", "Ultralight 2-Person Tents",
     "Ultralight tents from 1.1 kg that pitch in under three minutes.", "tents", "backpacking"},
    {"Family Tents", "Roomy 6-Person Family Tents",
     "Stand-up height, two doors and room for the whole crew.", "tents", "family"},
    {"Men's Hiking Boots", "Waterproof Boots for Men",
     "Waterproof leather boots with grippy soles, comfortable from day one.", "boots", "men"},
    {"Women's Hiking Boots", "Light Hiking Boots for Women",
     "Light, supportive boots made on a women's last for a better fit.", "boots", "women"},
    {"Outdoor Gear", "Everything for the Outdoors",
     "Over 3,000 products for hiking, camping, paddling and climbing.", "outdoor", "gear"},
    {"Camping Equipment", "Camping Gear for Every Trip",
     "Stoves, sleeping bags, lanterns and chairs for your next camp.", "camping", "gear"},
    {"Hiking Backpacks", "Daypacks and Trekking Packs",
     "Packs from 20 to 70 litres with adjustable, ventilated backs.", "packs", "hiking"},
    {"Camp Stoves", "Fast-Boil Camp Stoves",
     "Boil a litre of water in three minutes with a compact canister stove.", "stoves", "camp"},
    {"Trail Gear", "Still Thinking It Over?",
     "The gear in your cart is still waiting, and now it ships free.", "cart", "offer"},
    {"New Season Gear", "New Arrivals for Fall",
     "Fresh fall arrivals picked for people who hike like you.", "new", "fall"},
    {"Trail-Tested Gear", "", "Gear tested over 10,000 km of trail by our own team.", "gear", "tested"},
    {"Weekend Hiking Kits", "", "Everything you need for a weekend in the hills, in one order.", "kits",
     "weekend"},
    {"Your Saved Gear", "", "You left something behind: your cart is saved for 48 hours.", "cart",
     "saved"},
    {"Hiking Essentials", "", "Still deciding? See why 12,000 hikers rate us 4.8 out of 5.", "hiking",
     "essentials"},
    {"Hiking Gear", "", "Watch Maya walk the Sierra High Route in 9 days with a 40-litre pack.",
     "stories", "hikers"},
    {"Camping Gear", "", "A family of five, one tent and a week of rain: see how they did it.",
     "stories", "campers"},
    {"Insulated Jackets", "", "Down and synthetic jackets rated to -20 degrees for cold mornings.",
     "jackets", "insulated"},
    {"Rain Shells", "", "Three-layer shells that stay dry in a downpour and pack to fist size.",
     "jackets", "rain"},
    {"Touring Kayaks", "", "Stable touring kayaks for lakes and sheltered coast, ready to paddle.",
     "kayaks", "touring"},
    {"Paddles & Life Vests", "", "Light carbon paddles and comfy vests for long days on the water.",
     "paddle", "vests"},
    {"Summer Hiking Tops", "", "Quick-dry tops for hot trails, now at clearance prices.", "clearance",
     "tops"},
    {"Après-Hike Sandals", "", "Cushioned sandals for the walk back to camp, now marked down.",
     "clearance", "sandals"},
};
static_assert(std::size(kBriefs) == kDemoCampaigns.size() * kDemoAdGroupsPerCampaign);

struct AdCopy {
  std::string ad_id;
  std::string campaign_id;
  std::string channel;
  std::string format;
  std::string headline_1, headline_2, headline_3, description_1, description_2;
  std::string final_url, path_1, path_2;
  std::string primary_text, headline, description;
};

// The deliberate flaws: a linter run on this file should report exactly these.
struct CopyFlaw {
  std::string_view ad_id;
  std::string AdCopy::*field;
  std::string_view text;
  std::string_view note;
};

const CopyFlaw kFlaws[] = {
    {"ad_103_1_1", &AdCopy::headline_3, "Waterproof Leather Hiking Boots for Men",
     "headline_3 is 39 characters, over the 30-character RSA headline limit"},
    {"ad_104_1_2", &AdCopy::headline_2, "Huge Outdoor Gear Sale!",
     "headline_2 has an exclamation mark, which Google Ads does not allow in headlines"},
    {"ad_105_2_1", &AdCopy::headline_1, "Camp Stoves with FREE Shipping",
     "headline_1 has an ALL CAPS word (FREE)"},
    {"ad_106_2_2", &AdCopy::description_1,
     "Our gear has been tested on trails across the Rockies since 1998.",
     "no call to action in either description"},
    {"ad_106_2_2", &AdCopy::description_2, "Quality outdoor equipment for hikers and campers of every level.",
     ""},
    {"ad_203_1_1", &AdCopy::primary_text,
     "Watch Maya walk the Sierra High Route in 9 days with a 40-litre pack, a quilt, a stove and a "
     "water filter, and see what she would leave at home next time. Shop now at Ridgeline Outfitters.",
     "primary_text is over Meta's 125-character recommendation"},
};

std::string lower_ascii(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return lowered;
}

// Characters as a person counts them: UTF-8 continuation bytes do not start a character.
size_t char_count(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) {
    count += (c & 0xC0) != 0x80 ? 1 : 0;
  }
  return count;
}

AdCopy make_ad(const DemoCampaign& campaign, int group_idx, int variant_idx, const AdGroupBrief& brief) {
  AdCopy ad;
  ad.ad_id = demo_ad_id(campaign, group_idx, variant_idx);
  ad.campaign_id = campaign.id;
  ad.channel = campaign.channel;
  ad.final_url = std::string(kSite) + "/" + std::string(brief.path_1) + "/" + std::string(brief.path_2);
  const std::string product = lower_ascii(brief.product);
  if (campaign.channel == "google_ads") {
    ad.format = "rsa";
    ad.path_1 = brief.path_1;
    ad.path_2 = brief.path_2;
    if (variant_idx == 0) {
      ad.headline_1 = brief.benefit;
      ad.headline_2 = kBrand;
      ad.headline_3 = "Free Shipping Over $75";
      ad.description_1 = std::string(brief.pitch) + " Shop now.";
      ad.description_2 = "Free 60-day returns and expert advice. Order today, ships within 24 hours.";
    } else {
      ad.headline_1 = std::string(brief.product) + " Sale";
      ad.headline_2 = "Up to 30% Off This Week";
      ad.headline_3 = "Rated 4.8/5 by 12,000 Hikers";
      ad.description_1 = "Compare " + product + ", read real reviews and get expert tips. Shop the sale.";
      ad.description_2 = "Price match guarantee, free returns and fast shipping. Get yours today.";
    }
  } else {
    ad.format = "meta";
    if (variant_idx == 0) {
      ad.primary_text = std::string(brief.pitch) + " Shop now at " + std::string(kBrand) + ".";
      ad.headline = brief.product;
      ad.description = "Free shipping over $75";
    } else {
      ad.primary_text = "Save up to 30% on " + product +
                        " this week only. Free shipping over $75 and free returns. Shop the sale.";
      ad.headline = "Save 30% This Week";
      ad.description = "Free 60-day returns";
    }
  }
  return ad;
}

// Limits and "!" checked mechanically, so an edit to the briefs cannot add a flaw by accident.
bool has_mechanical_flaw(const AdCopy& ad) {
  bool flawed = false;
  for (const std::string* headline : {&ad.headline_1, &ad.headline_2, &ad.headline_3}) {
    flawed |= char_count(*headline) > kRsaHeadlineMax || headline->find('!') != std::string::npos;
  }
  flawed |= char_count(ad.description_1) > kRsaDescriptionMax;
  flawed |= char_count(ad.description_2) > kRsaDescriptionMax;
  flawed |= char_count(ad.path_1) > kRsaPathMax || char_count(ad.path_2) > kRsaPathMax;
  flawed |= char_count(ad.primary_text) > kMetaPrimaryTextMax;
  flawed |= char_count(ad.headline) > kMetaHeadlineMax || ad.headline.find('!') != std::string::npos;
  flawed |= char_count(ad.description) > kMetaDescriptionMax;
  return flawed;
}

}  // namespace

bool write_demo_ad_copy(const std::string& path, std::vector<std::string>& flaw_notes) {
  std::vector<AdCopy> ads;
  for (size_t campaign_idx = 0; campaign_idx < kDemoCampaigns.size(); ++campaign_idx) {
    const DemoCampaign& campaign = kDemoCampaigns[campaign_idx];
    for (int group_idx = 0; group_idx < kDemoAdGroupsPerCampaign; ++group_idx) {
      const AdGroupBrief& brief = kBriefs[campaign_idx * kDemoAdGroupsPerCampaign + static_cast<size_t>(group_idx)];
      for (int variant_idx = 0; variant_idx < kDemoAdsPerAdGroup; ++variant_idx) {
        ads.push_back(make_ad(campaign, group_idx, variant_idx, brief));
      }
    }
  }
  std::set<std::string> flawed_ids;
  for (const CopyFlaw& flaw : kFlaws) {
    for (AdCopy& ad : ads) {
      if (ad.ad_id == flaw.ad_id) {
        ad.*flaw.field = flaw.text;
        flawed_ids.emplace(flaw.ad_id);
      }
    }
    if (!flaw.note.empty()) {
      flaw_notes.push_back(std::string(flaw.ad_id) + ": " + std::string(flaw.note));
    }
  }
  for (const AdCopy& ad : ads) {
    const bool intended = flawed_ids.count(ad.ad_id) > 0;
    if (has_mechanical_flaw(ad) && !intended) {
      std::fprintf(stderr, "internal error: ad %s breaks a platform limit by accident\n", ad.ad_id.c_str());
      return false;
    }
  }

  OutputFile out(path);
  if (!out.is_open()) {
    std::fprintf(stderr, "error: cannot create %s\n", path.c_str());
    return false;
  }
  out.write(
      "ad_id,campaign_id,channel,format,headline_1,headline_2,headline_3,description_1,"
      "description_2,final_url,path_1,path_2,primary_text,headline,description\n");
  for (const AdCopy& ad : ads) {
    out.write(csv_record({ad.ad_id, ad.campaign_id, ad.channel, ad.format, ad.headline_1, ad.headline_2,
                          ad.headline_3, ad.description_1, ad.description_2, ad.final_url, ad.path_1,
                          ad.path_2, ad.primary_text, ad.headline, ad.description}));
  }
  return out.close();
}

}  // namespace adpilot::bench
