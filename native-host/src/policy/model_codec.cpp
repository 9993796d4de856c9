#include "policy/model_codec.hpp"

#include <chrono>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace handleguard::policy {

namespace {

// The largest value of each enum of the model: a decoded one above it is refused.
constexpr std::int64_t enum_max(Severity) { return 1; }
constexpr std::int64_t enum_max(AccountKind) { return 1; }
constexpr std::int64_t enum_max(UnknownAccountMode) { return 2; }
constexpr std::int64_t enum_max(ConfirmHandle) { return 2; }
constexpr std::int64_t enum_max(OverrideMode) { return 2; }
constexpr std::int64_t enum_max(PostTextMode) { return 1; }
constexpr std::int64_t enum_max(audit::SyslogTransport) { return 2; }

// Numbers as LEB128 varints (zigzag for signed ones); strings and lists after their length; an
// optional after a flag; a variant after its index. Structs list their fields once, in fields() below, for both
// directions.
class Encoder {
public:
  std::string out;
  template <typename... T> void operator()(const T &...values) { (put(values), ...); }

private:
  void put_u64(std::uint64_t value) { // LEB128: 7 bits a byte, low first, high bit = more follow
    while (value >= 0x80U) {
      out.push_back(static_cast<char>((value & 0x7FU) | 0x80U));
      value >>= 7U;
    }
    out.push_back(static_cast<char>(value));
  }
  template <typename T>
    requires std::is_integral_v<T>
  void put(T value) { // zigzag, so small negative numbers stay short too
    const auto signed_value = static_cast<std::int64_t>(value);
    put_u64((static_cast<std::uint64_t>(signed_value) << 1U) ^ static_cast<std::uint64_t>(signed_value >> 63));
  }
  template <typename T>
    requires std::is_enum_v<T>
  void put(T value) { put(static_cast<std::int64_t>(value)); }
  void put(const std::string &text) {
    put_u64(text.size());
    out += text;
  }
  template <typename Rep, typename Period> void put(std::chrono::duration<Rep, Period> duration) { put(duration.count()); }
  template <typename T> void put(const std::optional<T> &value) {
    put(value.has_value());
    if (value) put(*value);
  }
  template <typename T> void put(const std::vector<T> &values) {
    put_u64(values.size());
    for (const auto &value : values) put(value);
  }
  template <typename... T> void put(const std::variant<T...> &value) {
    put_u64(value.index());
    std::visit([this](const auto &alternative) { put(alternative); }, value);
  }
  template <typename T>
    requires std::is_class_v<T>
  void put(const T &record) {
    fields(*this, const_cast<T &>(record)); // fields() only reads through an Encoder
  }
};

class Decoder {
public:
  explicit Decoder(std::string_view bytes) : in_(bytes) {}
  template <typename... T> void operator()(T &...values) { (get(values), ...); }
  [[nodiscard]] bool finished() const { return ok_ && at_ == in_.size(); }

private:
  std::uint64_t get_u64() {
    std::uint64_t value = 0;
    for (unsigned shift = 0; ok_ && shift < 64; shift += 7) {
      if (at_ == in_.size()) break;
      const auto byte = static_cast<unsigned char>(in_[at_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7FU) << shift;
      if ((byte & 0x80U) == 0) return value;
    }
    ok_ = false; // cut short, or longer than 64 bits
    return 0;
  }
  std::int64_t get_i64() {
    const std::uint64_t raw = get_u64();
    return static_cast<std::int64_t>((raw >> 1U) ^ (~(raw & 1U) + 1U));
  }
  // A count of things still to read: each takes at least one byte, so a larger count is corrupt.
  std::size_t get_count() {
    const std::uint64_t count = get_u64();
    if (count > in_.size() - at_) ok_ = false;
    return ok_ ? static_cast<std::size_t>(count) : 0;
  }
  void get(bool &value) {
    const std::int64_t raw = get_i64();
    if (raw != 0 && raw != 1) ok_ = false;
    else value = raw == 1;
  }
  template <typename T>
    requires std::is_integral_v<T>
  void get(T &value) {
    const std::int64_t raw = get_i64();
    if (!std::in_range<T>(raw)) ok_ = false;
    else value = static_cast<T>(raw);
  }
  template <typename T>
    requires std::is_enum_v<T>
  void get(T &value) {
    const std::int64_t raw = get_i64();
    if (raw < 0 || raw > enum_max(T{})) ok_ = false;
    else value = static_cast<T>(raw);
  }
  void get(std::string &text) {
    const std::size_t size = get_count();
    if (ok_) text.assign(in_.substr(at_, size));
    at_ += size;
  }
  template <typename Rep, typename Period> void get(std::chrono::duration<Rep, Period> &duration) {
    Rep count{};
    get(count);
    duration = std::chrono::duration<Rep, Period>(count);
  }
  template <typename T> void get(std::optional<T> &value) {
    bool present = false;
    get(present);
    if (present && ok_) get(value.emplace());
    else value.reset();
  }
  template <typename T> void get(std::vector<T> &values) {
    values.resize(get_count());
    for (auto &value : values) {
      if (!ok_) break;
      get(value);
    }
  }
  template <typename... T> void get(std::variant<T...> &value) {
    const std::uint64_t index = get_u64();
    if (index >= sizeof...(T)) ok_ = false;
    else get_alternative<0>(value, index);
  }
  template <std::size_t I, typename... T> void get_alternative(std::variant<T...> &value, std::uint64_t index) {
    if constexpr (I < sizeof...(T)) {
      if (index == I) get(value.template emplace<I>());
      else get_alternative<I + 1>(value, index);
    }
  }
  template <typename T>
    requires std::is_class_v<T>
  void get(T &record) {
    fields(*this, record);
  }

  std::string_view in_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

// Every field of every struct of the model. The sizes below fail the build when a struct gains
// a field, so that it is added here too: a field left out would silently vanish from a policy
// loaded through its cache.
#define HANDLEGUARD_CODEC_SIZE(Type, bytes)                                                                             \
  static_assert(sizeof(Type) == (bytes), #Type " changed: encode its new field in model_codec.cpp, then update its size")

HANDLEGUARD_CODEC_SIZE(BannedTerm, 40);
template <typename IO> void fields(IO &io, BannedTerm &v) { io(v.text, v.substring); }
HANDLEGUARD_CODEC_SIZE(BannedTermsRule, 48);
template <typename IO> void fields(IO &io, BannedTermsRule &v) { io(v.terms, v.allow); }
HANDLEGUARD_CODEC_SIZE(PatternRule, 40);
template <typename IO> void fields(IO &io, PatternRule &v) { io(v.pattern, v.case_insensitive); }
HANDLEGUARD_CODEC_SIZE(RequiredRule, 48);
template <typename IO> void fields(IO &io, RequiredRule &v) { io(v.any_of, v.all_of); }
HANDLEGUARD_CODEC_SIZE(HashtagsRule, 56);
template <typename IO> void fields(IO &io, HashtagsRule &v) { io(v.forbidden, v.required, v.max); }
HANDLEGUARD_CODEC_SIZE(MentionsRule, 24);
template <typename IO> void fields(IO &io, MentionsRule &v) { io(v.forbidden); }
HANDLEGUARD_CODEC_SIZE(LinksRule, 56);
template <typename IO> void fields(IO &io, LinksRule &v) {
  io(v.allowed_domains, v.denied_domains, v.deny_shorteners, v.deny_lookalikes);
}
HANDLEGUARD_CODEC_SIZE(LengthRule, 4);
template <typename IO> void fields(IO &io, LengthRule &v) { io(v.max); }
HANDLEGUARD_CODEC_SIZE(TimeWindow, 12);
template <typename IO> void fields(IO &io, TimeWindow &v) { io(v.days, v.from_minute, v.to_minute); }
HANDLEGUARD_CODEC_SIZE(LocalDate, 12);
template <typename IO> void fields(IO &io, LocalDate &v) { io(v.year, v.month, v.day); }
HANDLEGUARD_CODEC_SIZE(ScheduleRule, 48);
template <typename IO> void fields(IO &io, ScheduleRule &v) { io(v.windows, v.blackout_dates); }
HANDLEGUARD_CODEC_SIZE(RateRule, 24);
template <typename IO> void fields(IO &io, RateRule &v) { io(v.per_hour, v.per_day, v.min_gap_minutes); }
HANDLEGUARD_CODEC_SIZE(StaffRule, 24);
template <typename IO> void fields(IO &io, StaffRule &v) { io(v.staff); }
HANDLEGUARD_CODEC_SIZE(SignatureRule, 32);
template <typename IO> void fields(IO &io, SignatureRule &v) { io(v.prefix); }
HANDLEGUARD_CODEC_SIZE(LockdownRule, 32);
template <typename IO> void fields(IO &io, LockdownRule &v) { io(v.reason); }
static_assert(std::variant_size_v<RuleBody> == 12, "a rule kind was added: give it a fields() above");

HANDLEGUARD_CODEC_SIZE(Override, 40);
template <typename IO> void fields(IO &io, Override &v) { io(v.mode, v.reason_required, v.passphrase_hash); }
HANDLEGUARD_CODEC_SIZE(Rule, 184);
template <typename IO> void fields(IO &io, Rule &v) { io(v.id, v.severity, v.message, v.override_, v.actions, v.body); }
HANDLEGUARD_CODEC_SIZE(Staff, 120);
template <typename IO> void fields(IO &io, Staff &v) { io(v.id, v.name, v.initials, v.os_users); }
HANDLEGUARD_CODEC_SIZE(Account, 288);
template <typename IO> void fields(IO &io, Account &v) {
  io(v.handle, v.user_id, v.display_name, v.client, v.kind, v.colour, v.timezone, v.guidelines, v.staff, v.confirm_handle,
     v.rules);
}
HANDLEGUARD_CODEC_SIZE(audit::SyslogTarget, 80);
template <typename IO> void fields(IO &io, audit::SyslogTarget &v) { io(v.transport, v.address, v.facility, v.app_name); }
HANDLEGUARD_CODEC_SIZE(audit::ResponseCommand, 56);
template <typename IO> void fields(IO &io, audit::ResponseCommand &v) { io(v.on, v.argv, v.timeout); }
HANDLEGUARD_CODEC_SIZE(AuditSettings, 120);
template <typename IO> void fields(IO &io, AuditSettings &v) { io(v.post_text, v.syslog, v.commands); }
HANDLEGUARD_CODEC_SIZE(Policy, 232);
template <typename IO> void fields(IO &io, Policy &v) {
  io(v.schema, v.serial, v.organization, v.unknown_account, v.require_work_as, v.confirm_handle, v.staff, v.accounts,
     v.audit);
}

#undef HANDLEGUARD_CODEC_SIZE

} // namespace

std::string encode_policy(const Policy &policy) {
  Encoder encoder;
  encoder(policy);
  return std::move(encoder.out);
}

std::optional<Policy> decode_policy(std::string_view bytes) {
  Decoder decoder(bytes);
  Policy policy;
  decoder(policy);
  if (!decoder.finished()) return std::nullopt;
  return policy;
}

} // namespace handleguard::policy
