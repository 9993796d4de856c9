#include "rules/link_check.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include <unicode/uidna.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

namespace handleguard::rules {

namespace {

// Services whose links hide where they lead; the guard cannot judge the real destination.
constexpr std::array<std::string_view, 24> shorteners = {
    "bit.ly",  "bitly.com", "tinyurl.com", "goo.gl",   "ow.ly",     "buff.ly", "is.gd",     "v.gd",
    "t.ly",    "rb.gy",     "cutt.ly",     "shorturl.at", "tiny.cc", "rebrand.ly", "lnkd.in", "dlvr.it",
    "s.id",    "bit.do",    "soo.gd",      "trib.al",  "shorte.st", "adf.ly",  "tr.im",     "qr.ae"};

std::string to_ascii_host(std::string_view host) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UIDNA, decltype(&uidna_close)> idna(uidna_openUTS46(UIDNA_DEFAULT, &status), &uidna_close);
  if (U_FAILURE(status)) return std::string(host);
  std::array<char, 512> out{};
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  const int32_t length = uidna_nameToASCII_UTF8(idna.get(), host.data(), static_cast<int32_t>(host.size()), out.data(),
                                                static_cast<int32_t>(out.size()), &info, &status);
  if (U_FAILURE(status) || length <= 0 || static_cast<std::size_t>(length) >= out.size()) return std::string(host);
  return {out.data(), static_cast<std::size_t>(length)};
}

std::string to_unicode_host(std::string_view host) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UIDNA, decltype(&uidna_close)> idna(uidna_openUTS46(UIDNA_DEFAULT, &status), &uidna_close);
  if (U_FAILURE(status)) return std::string(host);
  std::array<char, 1024> out{};
  UIDNAInfo info = UIDNA_INFO_INITIALIZER;
  const int32_t length = uidna_nameToUnicodeUTF8(idna.get(), host.data(), static_cast<int32_t>(host.size()), out.data(),
                                                 static_cast<int32_t>(out.size()), &info, &status);
  if (U_FAILURE(status) || length <= 0 || static_cast<std::size_t>(length) >= out.size()) return std::string(host);
  return {out.data(), static_cast<std::size_t>(length)};
}

// ICU's confusable skeleton: two strings that look alike share it ("paypa1.com", "pаypal.com").
std::string skeleton(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<USpoofChecker, decltype(&uspoof_close)> checker(uspoof_open(&status), &uspoof_close);
  if (U_FAILURE(status)) return std::string(text);
  std::array<char, 2048> out{};
  const int32_t length = uspoof_getSkeletonUTF8(checker.get(), 0, text.data(), static_cast<int32_t>(text.size()), out.data(),
                                                static_cast<int32_t>(out.size()), &status);
  if (U_FAILURE(status) || length <= 0 || static_cast<std::size_t>(length) >= out.size()) return std::string(text);
  return {out.data(), static_cast<std::size_t>(length)};
}

// True when the Unicode form of `host` mixes scripts in a way browsers' IDN policies refuse.
bool is_suspicious_idn(std::string_view unicode_host) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<USpoofChecker, decltype(&uspoof_close)> checker(uspoof_open(&status), &uspoof_close);
  if (U_FAILURE(status)) return true;
  uspoof_setRestrictionLevel(checker.get(), USPOOF_MODERATELY_RESTRICTIVE);
  uspoof_setChecks(checker.get(), USPOOF_RESTRICTION_LEVEL | USPOOF_INVISIBLE | USPOOF_MIXED_NUMBERS, &status);
  const int32_t result = uspoof_checkUTF8(checker.get(), unicode_host.data(), static_cast<int32_t>(unicode_host.size()), nullptr, &status);
  return U_FAILURE(status) || result != 0;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

} // namespace

bool domain_covers(std::string_view domain, std::string_view host) {
  return host == domain || (host.size() > domain.size() && host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.');
}

std::optional<std::string> url_host(std::string_view url) {
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos && scheme < 16) url.remove_prefix(scheme + 3);
  const auto end = url.find_first_of("/?#");
  std::string_view authority = url.substr(0, end);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) authority = authority.substr(0, colon);
  while (authority.ends_with('.')) authority.remove_suffix(1);
  if (authority.empty()) return std::nullopt;
  return lower_ascii(to_ascii_host(authority));
}

std::optional<std::string> judge_link_host(const policy::LinksRule &rule, const std::string &host) {
  for (const auto &denied : rule.denied_domains) {
    if (domain_covers(denied, host)) return "links to " + host + ", and " + denied + " is a denied domain";
  }
  const bool allowed = std::ranges::any_of(rule.allowed_domains, [&](const std::string &d) { return domain_covers(d, host); });
  if (rule.deny_shorteners && !allowed) {
    for (const auto shortener : shorteners) {
      if (domain_covers(shortener, host)) {
        return "links through the shortener " + std::string(shortener) + ", which hides where the link leads";
      }
    }
  }
  if (allowed) return std::nullopt;
  if (rule.deny_lookalikes) {
    const std::string unicode = to_unicode_host(host);
    const std::string host_skeleton = skeleton(unicode);
    for (const auto &domain : rule.allowed_domains) {
      const std::string domain_skeleton = skeleton(to_unicode_host(domain));
      if (host_skeleton == domain_skeleton || domain_covers(domain_skeleton, host_skeleton)) {
        return "links to " + unicode + ", which only looks like " + domain;
      }
    }
    if (host.find("xn--") != std::string::npos && is_suspicious_idn(unicode)) {
      return "links to " + unicode + " (" + host + "), whose letters mix scripts to look like another domain";
    }
  }
  if (!rule.allowed_domains.empty()) {
    std::string list;
    for (const auto &domain : rule.allowed_domains) list += (list.empty() ? "" : ", ") + domain;
    return "links to " + host + ", which is not an allowed domain (" + list + ")";
  }
  return std::nullopt;
}

} // namespace handleguard::rules
